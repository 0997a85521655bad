"""Translated editions: current with the English sources, wholly translated, graded the same.

A translation is solutions/<lesson>/<lesson>.<language>.md (autograder/translations.py). The
English notebook stays the only source; these tests fail when an English markdown cell
changes without its translation, when a cell has none, when a translated release leaves
prose in English, and when a translated submission is graded differently.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import pytest

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.proof import load_proof
from autograder.release import build_release
from autograder.report import cell_scores
from autograder.submissions import (
    apply_edit,
    exercise_of,
    filled_submission,
    read_notebook,
    solution_answers,
    write_notebook,
)
from autograder.translations import (
    HANGUL,
    LANGUAGES,
    NOT_PROSE,
    SCRIPTS,
    TranslationError,
    code_difference,
    code_prose,
    code_strings,
    english_prose,
    f_string_text,
    glossary_problems,
    notebook_language,
    problems,
    read_blocks,
    term_uses,
    to_translate,
    translated_lessons,
    translation_path,
    translation_problems,
    write_glossary,
    write_translated_release,
)
from helpers.figure_text import FIGURE_TEXTS, figure_text

from .expected import lesson_points

COURSE = repo_course()
TRANSLATED = [(language, lesson) for language in LANGUAGES for lesson in translated_lessons(COURSE, language)]


def test_there_is_a_translated_lesson():
    assert TRANSLATED, "no lesson has a translation (solutions/<lesson>/<lesson>.ko.md)"


@pytest.mark.parametrize("language, lesson", TRANSLATED)
def test_every_translation_is_current_and_complete(language, lesson):
    found = translation_problems(COURSE, lesson, language)
    assert not found, ("the translation does not match the English notebook; "
                       f"`python -m autograder translations {language} {lesson}` prints the English text "
                       "of each cell to translate:\n" + "\n".join(found))


def _scratch_lesson(tmp_path, lesson):
    course = scratch_course(tmp_path / "course")
    return course, read_notebook(course.source_notebook(lesson))


@pytest.mark.parametrize("language, lesson", TRANSLATED[:1])
def test_an_edited_english_cell_makes_its_translation_stale(language, lesson, tmp_path):
    course, english = _scratch_lesson(tmp_path, lesson)
    blocks = read_blocks(translation_path(course, lesson, language))
    assert problems(english, blocks) == []  # the precondition: current
    edited = next(cell for cell in english.cells if cell.cell_type == "markdown")
    edited.source = edited.source.replace("RNN", "recurrent network", 1) + "\nOne more English sentence."
    write_notebook(english, course.source_notebook(lesson))
    assert translation_problems(course, lesson, language) == [
        f"solutions/{lesson}/{lesson}.{language}.md: {edited.id}: stale, its English text changed since it was "
        "translated"]
    assert "One more English sentence." in to_translate(course, lesson, language)
    with pytest.raises(TranslationError, match="stale"):
        write_translated_release(course, lesson, language)


@pytest.mark.parametrize("language, lesson", TRANSLATED[:1])
def test_a_markdown_cell_without_its_translation_is_missing(language, lesson, tmp_path):
    course, english = _scratch_lesson(tmp_path, lesson)
    path = translation_path(course, lesson, language)
    blocks = read_blocks(path)
    dropped = list(blocks)[-1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index(f"<!-- translates {dropped} ")], encoding="utf-8")
    assert translation_problems(course, lesson, language) == [
        f"solutions/{lesson}/{lesson}.{language}.md: {dropped}: missing, a markdown cell without a translation"]


@pytest.mark.parametrize("language, lesson", TRANSLATED)
def test_the_translated_release_has_no_untranslated_prose(language, lesson):
    notebook = read_notebook(COURSE.translated_release(language) / lesson / f"{lesson}.ipynb")
    english = read_notebook(COURSE.release_notebook(lesson))
    assert [cell.id for cell in notebook.cells] == [cell.id for cell in english.cells]
    untranslated = []
    for cell, original in zip(notebook.cells, english.cells):
        if cell.cell_type == "markdown":
            prose = NOT_PROSE.sub(" ", cell.source)
            if re.search(r"[A-Za-z]{3,}", prose) and not HANGUL.search(prose):
                untranslated.append(f"{cell.id}: {cell.source[:80]!r}")
        else:  # the English release's code; its docstrings, comments and stub in Korean
            difference = code_difference(original.source, cell.source)
            assert not difference, f"{cell.id}: code differs from the English release: {difference}"
            untranslated += [f"{cell.id}: {text[:80]!r}" for text in _english_only_prose(cell.source)]
    assert not untranslated, "prose with no Korean (markdown cells, docstrings, comments):\n" + "\n".join(untranslated)


def _english_only_prose(code: str) -> list[str]:
    """The docstrings, and the comments with English prose, of a code cell that have no Hangul."""
    texts = [token.string for token in tokenize.generate_tokens(io.StringIO(code).readline)
             if token.type == tokenize.COMMENT and english_prose(token.string)]
    try:
        tree = ast.parse(code)
    except SyntaxError:  # an IPython line: its cell has no definitions
        tree = ast.Module(body=[], type_ignores=[])
    texts += [ast.get_docstring(node) for node in ast.walk(tree)
              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and ast.get_docstring(node)]
    return [text for text in texts if not HANGUL.search(text)]


def test_the_code_prose_check_finds_english_docstrings_and_comments():
    english = 'def f(x):\n    """Return x."""\n    # add the bias here\n    return x  # (N, H)\n'
    assert _english_only_prose(english) == ["# add the bias here", "Return x."]
    korean = english.replace("Return x.", "x를 돌려준다.").replace("add the bias here", "여기서 편향을 더한다")
    assert _english_only_prose(korean) == []


def test_the_stale_check_reads_prose_not_code():
    """The prose check itself: an English sentence fails it, math and code alone pass."""
    assert re.search(r"[A-Za-z]{3,}", NOT_PROSE.sub(" ", "Run every cell.")) and not HANGUL.search("Run every cell.")
    assert not re.search(r"[A-Za-z]{3,}", NOT_PROSE.sub(" ", "$\\tanh(x)$ `scalar_rnn_forward` $$W_{hh}$$"))


@pytest.mark.slow  # a release and four gradings
@pytest.mark.needs_system("bubblewrap", "util-linux")
@pytest.mark.parametrize("language, lesson", TRANSLATED[:1])
def test_a_translated_submission_is_graded_like_an_english_one(language, lesson, tmp_path):
    """Same assignment, hidden tests and gradebook: solution full, untouched zero, a wrong answer
    loses exactly its points, a right answer written differently keeps them."""
    course = scratch_course(tmp_path / "course")
    build_release(course, [lesson])
    release = read_notebook(course.translated_release(language) / lesson / f"{lesson}.ipynb")
    answers = solution_answers(read_notebook(course.source_notebook(lesson)))
    proof = load_proof(COURSE, lesson)
    wrong = proof.wrong_answers[0]
    right = proof.right_answers[0]
    submissions = {"solution": filled_submission(release, answers), "untouched": release,
                   "wrong": filled_submission(release, apply_edit(answers, wrong)),
                   "right": filled_submission(release, apply_edit(answers, right))}
    for student, notebook in submissions.items():
        folder = course.submission_dir(student, lesson)
        folder.mkdir(parents=True)
        write_notebook(notebook, folder / f"{lesson}.ipynb")
    results = autograde_all(course, progress=False, workers=2)
    assert all(result.status == GRADED for result in results), [(r.student, r.message) for r in results]
    expected_loss = {"solution": (), "untouched": None, "wrong": wrong.loses, "right": ()}
    for student, loses in expected_loss.items():
        scores = cell_scores(course, student, lesson)
        assert scores, f"{student}: no graded cells"
        for cell, (score, max_score) in scores.items():
            expected = 0.0 if loses is None or exercise_of(cell) in loses else max_score
            assert score == expected, f"{student}, {cell}: scored {score:g}, expected {expected:g}"
    assert sum(max_score for _, max_score in cell_scores(course, "solution", lesson).values()) == \
        lesson_points(course, lesson)
    # The feedback speaks the learner's language: the failed checks' messages are in it.
    graded = read_notebook(course.autograded / "wrong" / lesson / f"{lesson}.ipynb")
    errors = [output.get("evalue", "") for cell in graded.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert errors and all(SCRIPTS[language].search(error) for error in errors), errors


def test_the_language_of_a_notebook_is_its_prose():
    english = read_notebook(COURSE.release_notebook(TRANSLATED[0][1]))
    assert notebook_language(english) is None
    for language, lesson in TRANSLATED[:1]:
        assert notebook_language(read_notebook(COURSE.translated_release(language) / lesson / f"{lesson}.ipynb")) \
            == language


@pytest.mark.parametrize("language", sorted({language for language, _ in TRANSLATED}))
def test_the_glossary_has_every_term_the_translations_introduce(language):
    found = glossary_problems(COURSE, language)
    assert not found, (f"solutions/glossary.{language}.tsv and the translations disagree; add a row "
                       "'term<TAB>English' for each new term (or '-<TAB>English' for an aside that is "
                       "not a term) and remove rows no lesson uses:\n" + "\n".join(found[:30]))


@pytest.mark.parametrize("language, lesson", TRANSLATED[:1])
def test_a_new_term_without_a_glossary_row_is_reported(language, lesson, tmp_path):
    course = scratch_course(tmp_path / "course")
    path = translation_path(course, lesson, language)
    path.write_text(path.read_text(encoding="utf-8") + "\n새로 쓴 용어(freshly coined term)\n", encoding="utf-8")
    [problem] = glossary_problems(course, language)
    assert problem.startswith(f"{lesson}: no glossary row for ..."), problem
    assert problem.endswith("새로 쓴 용어(freshly coined term)"), problem
    with pytest.raises(TranslationError, match="glossary"):
        write_glossary(course, language)


def test_the_glossary_names_each_terms_first_lesson():
    glossary = (COURSE.translated_release("ko") / "glossary.md").read_text(encoding="utf-8")
    first = next(lesson for lesson, _, english in term_uses(COURSE, "ko") if english == "vanishing gradient")
    assert f"| 기울기 소실 | vanishing gradient | {first} |" in glossary


ENGLISH_CELL = '''def f(x, mode="tanh"):
    """Return x plus one."""
    # add one to every entry
    print(f"got {x} with {mode} units")
    return x + 1
'''


def test_a_translated_code_cell_may_change_only_comments_and_prose():
    korean = (ENGLISH_CELL.replace("Return x plus one.", "x에 1을 더해 돌려준다.")
              .replace("add one to every entry", "모든 원소에 1을 더한다")
              .replace("got {x} with {mode} units", "{mode} 유닛으로 {x}을(를) 얻었다"))
    assert code_difference(ENGLISH_CELL, korean) == ""
    changed_code = korean.replace("x + 1", "x + 2")
    assert "English line 5" in code_difference(ENGLISH_CELL, changed_code)
    changed_value = korean.replace('"tanh"', '"탄젠트"')  # a one-word string is a value, not prose
    assert "English line 1" in code_difference(ENGLISH_CELL, changed_value)
    changed_expression = korean.replace("{x}을", "{x + 1}을")
    assert "English line 4" in code_difference(ENGLISH_CELL, changed_expression)


# Where a lesson's code hands matplotlib a text to draw: these calls' first argument, these keywords.
FIGURE_TEXT_CALLS = {"set_xlabel", "set_ylabel", "set_title", "suptitle", "text", "annotate", "xlabel", "ylabel",
                     "title", "plot_gradient_norms", "plot_attention_weights", "plot_learning_curves", "plot_word_map"}
FIGURE_TEXT_KEYWORDS = {"label", "title", "xlabel", "ylabel", "value_label"}


def _figure_texts(code: str) -> list[str]:
    """The literal texts a cell passes to matplotlib (and the course's plots) to draw."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # an IPython line: its cell draws nothing
        return []
    drawn = []
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        arguments = call.args[:1] if name in FIGURE_TEXT_CALLS else []
        arguments += [keyword.value for keyword in call.keywords if keyword.arg in FIGURE_TEXT_KEYWORDS]
        drawn += [argument.value if isinstance(argument, ast.Constant) else f_string_text(argument)
                  for argument in arguments if isinstance(argument, ast.JoinedStr)
                  or (isinstance(argument, ast.Constant) and isinstance(argument.value, str))]
    return drawn


def _english_words(text: str) -> bool:
    # a word of three small letters or more, outside $math$: "epoch", not "dL/dh" or "LSTM"
    return bool(re.search(r"[a-z]{3,}", re.sub(r"\$[^$]*\$", " ", text))) and not HANGUL.search(text)


@pytest.mark.parametrize("language, lesson", [t for t in TRANSLATED if t[0] == "ko"])
def test_the_korean_code_hands_matplotlib_no_english_words(language, lesson):
    # Prose is translated in the code block; a name the code also uses as a value (a one-word
    # label, a dictionary key) is drawn through helpers.figure_text. Texts built from a
    # variable ({name: ...} keys) are not seen here: the table's own test draws such a figure.
    notebook = read_notebook(COURSE.translated_release(language) / lesson / f"{lesson}.ipynb")
    english = {f"{cell.id}: {text!r}" for cell in notebook.cells if cell.cell_type == "code"
               for text in _figure_texts(cell.source) if _english_words(text) and figure_text(text, language) == text}
    assert not english, ("figure texts in English in the Korean notebook; translate them in the code block, or "
                         "add them to helpers/figure_text.py if the code uses them as values:\n"
                         + "\n".join(sorted(english)))


def test_every_figure_text_is_drawn_by_a_lessons_code():
    texts = [text for lesson in COURSE.assignment_ids()
             for cell in read_notebook(COURSE.source_notebook(lesson)).cells if cell.cell_type == "code"
             for text in code_strings(cell.source)]
    stale = [key for key in FIGURE_TEXTS["ko"] if not any(figure_text(text, "ko") != text and text.startswith(key)
                                                           for text in texts)]
    assert not stale, f"helpers/figure_text.py translates texts no lesson's code writes any more: {stale}"


def test_an_f_string_reads_as_prose_the_same_on_every_python():
    # Python 3.12 tokenizes "{name} is {value}" as the piece " is ", which alone reads as no
    # prose: read from tokens, this cell needed a translation on 3.11 and none on 3.12.
    assert code_prose('print(f"{name} is {value}")') == ["0 is 0"]
    assert code_prose('print(f"k={k}: rank {r:g}, percentile {p:.1f}%")') == ["k=0: rank 0, percentile 0%"]
    assert code_prose('key = f"{exercise}_hidden"') == []


@pytest.mark.parametrize("language, lesson", TRANSLATED[:1])
def test_an_edited_english_code_cell_makes_its_translation_stale(language, lesson):
    source = read_notebook(COURSE.source_notebook(lesson))
    release = read_notebook(COURSE.release_notebook(lesson))
    blocks = read_blocks(translation_path(COURSE, lesson, language))
    translated = next(cell for cell in release.cells if cell.cell_type == "code" and cell.id in blocks)
    assert problems(source, blocks, release) == []
    translated.source += "\n# one more line"
    assert problems(source, blocks, release) == [
        f"{translated.id}: stale, its English text changed since it was translated"]
