"""Translated editions of the lessons, generated from the English sources so they cannot drift.

A lesson's translation into a language lives beside its source notebook,
``solutions/<lesson>/<lesson>.<language>.md``, one block per markdown cell:

    <!-- translates cell-002 (English sha256 0d386872cb) -->
    ## 1. 기억을 가진 신경망
    ...

The marker names the cell (its notebook id) and the first 10 hex digits of the sha256 of the
English text the block was translated from. The English solution notebook stays the only
source of code, tests and order: a translated release notebook is the English release with
each markdown cell's text replaced by its block, written to ``notebooks-<language>/`` and
graded like the English one (same assignment, same hidden tests, same gradebook).

A code cell of the release is translated the same way, its block a ```python fence holding
the whole cell as the learner sees it (docstrings, comments, the stub, the strings of titles,
labels and messages in the translated language). Only comments and strings of prose
(``english_prose``) may differ from the English release cell; everything else, one-word
strings and keys included, must be the same, so a translated cell cannot run different code.
Its marker hashes the English *release* cell (what was translated); a markdown cell's marker
hashes the source cell, which the release copies.

``problems`` says what keeps a translation from being built: a block whose English cell
changed since it was translated (stale), a cell with prose and no block (missing), a block
for no cell (unknown), a code block whose code differs from the English. ``python -m
autograder translations`` prints them with the English text to translate.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.utils import compute_checksum

from helpers.language import LANGUAGE_VARIABLE  # noqa: F401 -- the grader sets it for a translated submission

from .course import Course

LANGUAGES = ("ko",)
MARKER = re.compile(r"^<!-- translates (?P<cell>\S+) \(English sha256 (?P<sha>[0-9a-f]{10})\) -->$", re.MULTILINE)


class TranslationError(ValueError):
    """A translation file that cannot be used; the message names the file and the cells."""


@dataclass(frozen=True)
class Block:
    cell: str  # the English notebook's cell id
    sha: str  # of the English text it translates
    text: str


def english_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def marker(cell_id: str, english: str) -> str:
    return f"<!-- translates {cell_id} (English sha256 {english_sha(english)}) -->"


def translation_path(course: Course, lesson: str, language: str) -> Path:
    return course.source / lesson / f"{lesson}.{language}.md"


def translated_lessons(course: Course, language: str) -> list[str]:
    return [lesson for lesson in course.assignment_ids() if translation_path(course, lesson, language).is_file()]


def read_blocks(path: Path) -> dict[str, Block]:
    """The blocks of a translation file, by cell id."""
    text = path.read_text(encoding="utf-8")
    found = list(MARKER.finditer(text))
    if not found or text[:found[0].start()].strip():
        raise TranslationError(f"{path}: must start with a marker line '<!-- translates <cell id> "
                               "(English sha256 <10 hex digits>) -->'")
    blocks: dict[str, Block] = {}
    for match, following in zip(found, [*found[1:], None]):
        body = text[match.end():following.start() if following else len(text)].strip("\n")
        if match["cell"] in blocks:
            raise TranslationError(f"{path}: cell {match['cell']} is translated twice")
        blocks[match["cell"]] = Block(match["cell"], match["sha"], body)
    return blocks


def _markdown_cells(notebook) -> dict[str, str]:
    return {cell.id: cell.source for cell in notebook.cells if cell.cell_type == "markdown"}


# English prose inside code: a comment, or a string of two words or more (a docstring, a title,
# a message) apart by a space, maybe with brackets and numbers between ("RNN (128 units)"), or
# with a little word of English in a sentence ("h_1 for x = (0.5,)"); a cell with either needs a
# translation. One-word strings are names and values, and a word just before "(" is a function
# in math ("sigmoid(2), sigmoid(-2)").
_WORD = r"[A-Za-z]{2,}(?![(A-Za-z])"
ENGLISH_WORDS = re.compile(_WORD + r"[()\[\]0-9,;:]*\s[\s()\[\]0-9,;:]*" + _WORD)
LITTLE_WORDS = re.compile(r"(?<![\w.])(?:the|an|is|are|and|or|not|of|to|in|on|at|for|with|by|from|as|per|"
                          r"each|every|all|than|then|when|if|keep|use|your|should|must)(?![\w(])")


def english_prose(text: str) -> bool:
    """Whether ``text`` (a comment or a string of a code cell) has English prose to translate."""
    return bool(ENGLISH_WORDS.search(text) or (" " in text.strip() and LITTLE_WORDS.search(text)))


FENCE = re.compile(r"\A```python\n(?P<code>.*?)\n?```\Z", re.DOTALL)


def _comments(code: str) -> list[str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [token.string for token in tokens if token.type == tokenize.COMMENT]


def _ipython_free(code: str) -> str:
    # A cell's IPython lines (%magic, !shell) are not Python; they carry no prose to translate.
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


def f_string_text(node: ast.JoinedStr) -> str:
    """An f-string's words with "0" for each formatted value, as a number would read there:
    "{name} is {value}" and "rank {r}, percentile {p}" read as prose.

    Read from the syntax tree, not from tokens: Python 3.12 cuts an f-string into pieces at its
    fields, so tokens would judge the same cell differently on different Pythons.
    """
    return "".join(part.value if isinstance(part, ast.Constant) else "0" for part in node.values)


def code_strings(code: str) -> list[str]:
    """Every string of a cell, in order: plain strings whole, f-strings as ``f_string_text``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in pieces:
            found.append((node.lineno, node.col_offset, f_string_text(node)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces:
            found.append((node.lineno, node.col_offset, node.value))
    return [text for *_, text in sorted(found)]


def code_prose(code: str) -> list[str]:
    """The comments and strings of English prose in a code cell, in order."""
    code = _ipython_free(code)
    return [text for text in _comments(code) + code_strings(code) if english_prose(text)]


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _is_prose(text: str) -> bool:
    return english_prose(text) or bool(HANGUL.search(text))


def _first_difference(got: ast.AST, want: ast.AST) -> int:
    """The English line of the innermost statement or expression where two trees differ."""
    for got_child, want_child in zip(ast.iter_child_nodes(got), ast.iter_child_nodes(want)):
        if ast.dump(got_child) != ast.dump(want_child):
            return _first_difference(got_child, want_child) or getattr(want_child, "lineno", 0)
    return getattr(want, "lineno", 0)


class _ProseBlanked(ast.NodeTransformer):
    """A cell's syntax tree with its prose left out: what must not change in a translation.

    A string of prose (two English words or more, or any Hangul) becomes empty; an f-string
    with prose keeps only its formatted values, in any order (a translation may reorder them to
    read well). Every other string (a name, a key, an option to choose) must stay as it is.
    """

    def visit_Constant(self, node):
        if isinstance(node.value, str) and _is_prose(node.value):
            return ast.Constant(value="")
        return node

    def visit_JoinedStr(self, node):
        if not _is_prose(f_string_text(node)):
            return node
        formatted = sorted(ast.dump(part) for part in node.values if isinstance(part, ast.FormattedValue))
        return ast.Constant(value="f-string with " + " | ".join(formatted))


def code_difference(english: str, translated: str) -> str:
    """Why ``translated`` is not ``english`` with only comments and prose strings changed ("" if it is)."""
    try:
        theirs = ast.parse(_ipython_free(english)).body
        mine = ast.parse(_ipython_free(translated)).body
    except SyntaxError as error:
        return f"the code does not parse: {error}"
    if len(mine) != len(theirs):
        return f"the translated cell has {len(mine)} statements where the English one has {len(theirs)}"
    blank = _ProseBlanked()
    for got, want in zip(mine, theirs):
        got, want = blank.visit(got), blank.visit(want)
        if ast.dump(got) != ast.dump(want):
            return (f"English line {_first_difference(got, want)} differs in more than comments and "
                    "prose strings (names, keys and one-word strings must stay as they are)")
    return ""


def _code_cells(release) -> dict[str, str]:
    return {cell.id: cell.source for cell in release.cells if cell.cell_type == "code"}


def block_code(block: Block) -> str | None:
    """The code of a code cell's block (inside its ```python fence), None if it has no fence."""
    found = FENCE.match(block.text.strip())
    return found["code"] if found else None


def problems(english, blocks: dict[str, Block], release=None) -> list[str]:
    """Why ``blocks`` cannot translate the English notebook ``english``, a line each (empty: it can).

    ``release`` is the English release of ``english``; without it code cells are not checked.
    """
    markdown = _markdown_cells(english)
    code = _code_cells(release) if release is not None else {}
    texts = {**markdown, **code}
    lines = [f"{cell}: stale, its English text changed since it was translated"
             for cell, block in blocks.items() if cell in texts and block.sha != english_sha(texts[cell])]
    lines += [f"{cell}: missing, a markdown cell without a translation" for cell in markdown if cell not in blocks]
    lines += [f"{cell}: missing, a code cell with English comments or strings and no translation"
              for cell, source in code.items() if cell not in blocks and code_prose(source)]
    known = set(markdown) | (set(code) if release is not None else set(_code_ids(english)))
    lines += [f"{cell}: unknown, no cell has this id" for cell in blocks if cell not in known]
    lines += [f"{cell}: empty translation" for cell, block in blocks.items() if not block.text.strip()]
    for cell, source in code.items():
        if cell in blocks and blocks[cell].sha == english_sha(source):
            translated = block_code(blocks[cell])
            difference = ("its block is not one ```python fence" if translated is None
                          else code_difference(source, translated))
            if difference:
                lines.append(f"{cell}: the translated code cell must differ only in comments and strings: {difference}")
    return lines


def _code_ids(notebook) -> list[str]:
    return [cell.id for cell in notebook.cells if cell.cell_type == "code"]


def translate(notebook, blocks: dict[str, Block]):
    """A copy of ``notebook`` with every markdown cell's text, and every translated code cell, replaced."""
    translated = nbformat.from_dict(notebook)
    for cell in translated.cells:
        if cell.cell_type == "markdown":
            cell.source = blocks[cell.id].text
        elif cell.cell_type == "code" and cell.id in blocks:
            cell.source = block_code(blocks[cell.id])
    return translated


def _english(course: Course, lesson: str):
    """The English source and release notebooks of a lesson (the release may not exist yet)."""
    source = nbformat.read(str(course.source_notebook(lesson)), as_version=4)
    release_path = course.release_notebook(lesson)
    release = nbformat.read(str(release_path), as_version=4) if release_path.is_file() else None
    return source, release


def translation_problems(course: Course, lesson: str, language: str,
                         blocks: dict[str, Block] | None = None) -> list[str]:
    path = translation_path(course, lesson, language)
    source, release = _english(course, lesson)
    blocks = read_blocks(path) if blocks is None else blocks
    return [f"{path.relative_to(course.root)}: {line}" for line in problems(source, blocks, release)]


def write_translated_release(course: Course, lesson: str, language: str) -> Path:
    """notebooks-<language>/<lesson>/<lesson>.ipynb from the English release; raises on any problem."""
    blocks = read_blocks(translation_path(course, lesson, language))
    found = translation_problems(course, lesson, language, blocks)
    if found:
        raise TranslationError("; ".join(found[:5]) + (f" (and {len(found) - 5} more)" if len(found) > 5 else ""))
    release = nbformat.read(str(course.release_notebook(lesson)), as_version=4)
    # The release's markdown must be the English that was translated: a cell nbgrader changed
    # (a written answer's stub) would otherwise get the translated solution.
    changed = [cell.id for cell in release.cells
               if cell.cell_type == "markdown" and english_sha(cell.source) != blocks[cell.id].sha]
    if changed:
        raise TranslationError(f"{lesson}: the release changed markdown cells {changed}; only plain "
                               "(ungraded) markdown cells can be translated")
    target = course.translated_release(language) / lesson / f"{lesson}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(with_checksums(translate(release, blocks)), str(target))
    return target


def with_checksums(notebook):
    """``notebook`` with nbgrader's checksum of every graded or locked cell recomputed.

    nbgrader's Validate compares a locked cell with its checksum and reports a translated test
    cell as "changed" otherwise. Grading is unaffected: autograding puts back every locked and
    test cell, with its checksum, from the gradebook (the English release)."""
    for cell in notebook.cells:
        if "checksum" in cell.get("metadata", {}).get("nbgrader", {}):
            cell.metadata.nbgrader.checksum = compute_checksum(cell)
    return notebook


def to_translate(course: Course, lesson: str, language: str) -> str:
    """The blocks still to write: each stale or missing cell's marker with its current English text."""
    path = translation_path(course, lesson, language)
    blocks = read_blocks(path) if path.is_file() else {}
    source, release = _english(course, lesson)
    texts = {cell: text for cell, text in _markdown_cells(source).items()}
    if release is not None:
        texts.update({cell: f"```python\n{text}\n```" for cell, text in _code_cells(release).items()
                      if code_prose(text) or cell in blocks})
    order = [cell.id for cell in (release or source).cells]
    english = {cell: text for cell, text in sorted(texts.items(), key=lambda item: order.index(item[0]))}
    return "\n".join(f"{marker(cell, _unfenced(text))}\n{text.rstrip()}\n" for cell, text in english.items()
                     if cell not in blocks or blocks[cell].sha != english_sha(_unfenced(text)))


def _unfenced(text: str) -> str:
    found = FENCE.match(text)
    return found["code"] if found else text


# The language a learner's messages are in when their submission is graded (helpers.language
# reads LANGUAGE_VARIABLE).
SCRIPTS = {"ko": re.compile(r"[\uac00-\ud7a3]")}


def notebook_language(notebook) -> str | None:
    """The translated edition a notebook comes from (a language whose script is in most of its
    markdown cells), or None for English. Only chooses the language of the feedback's messages:
    grading itself never depends on it."""
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    for language, script in SCRIPTS.items():
        if markdown and sum(bool(script.search(text)) for text in markdown) > len(markdown) / 2:
            return language
    return None


def submission_language(folder: Path) -> str | None:
    """The language of the notebooks in a submission folder (None: English, or unreadable)."""
    for path in sorted(folder.glob("*.ipynb")):
        try:
            found = notebook_language(nbformat.read(str(path), as_version=4))
        except Exception:  # noqa: BLE001 -- a broken notebook is graded (and reported) as it is
            continue
        if found:
            return found
    return None


# The glossary: every term a translation introduces as "Korean(English)", with the lesson where
# it first appears. Its rows are written by hand in solutions/glossary.<language>.tsv (the
# term as the lessons write it, the English, and optionally the term of the Korean edition of
# "Deep Learning from Scratch 2" where it differs); the lessons are found by the release. A
# row whose term is "-" marks an English aside that is not a term (a citation such as
# "Sutskever et al., 2014", a library's name): allowed after any text, left out of the glossary.
NOT_A_TERM = "-"
TERM_USE = re.compile(r"(?P<before>[^()]*[\uac00-\ud7a3])(?:\*\*|\*)?\((?P<english>[A-Za-z][^()\uac00-\ud7a3]*)\)")
GLOSSARY_TITLE = {"ko": "용어집 (glossary)"}
GLOSSARY_HEADER = {"ko": ("한국어", "English", "처음 나오는 강의", "『밑바닥부터 시작하는 딥러닝 2』의 용어")}


@dataclass(frozen=True)
class Term:
    term: str
    english: str
    book: str = ""


def glossary_path(course: Course, language: str) -> Path:
    return course.source / f"glossary.{language}.tsv"


def read_terms(path: Path) -> list[Term]:
    """The rows of a glossary file: term, English, and the book's term, separated by tabs."""
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            fields = [field.strip() for field in line.split("\t")]
            if len(fields) not in (2, 3) or not all(fields[:2]):
                raise TranslationError(f"{path}:{number}: want 'term<TAB>English[<TAB>book term]', got {line!r}")
            terms.append(Term(*fields))
    return terms


def term_uses(course: Course, language: str) -> list[tuple[str, str, str]]:
    """(lesson, text before the parenthesis, English) for every "Korean(English)" in the translations."""
    uses = []
    for lesson in translated_lessons(course, language):
        for block in read_blocks(translation_path(course, lesson, language)).values():
            prose = " ".join(NOT_TRANSLATED.sub("`code`", block.text).split())  # one line: terms may wrap
            uses += [(lesson, match["before"].replace("*", ""), match["english"].strip())
                     for match in TERM_USE.finditer(prose) if "`" not in match["english"]]
    return uses


# Math and code are not prose: parentheses in them are not terms.
NOT_TRANSLATED = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|```.*?```|`[^`]*`", re.DOTALL)
# ... and, for telling whether a markdown cell has prose at all, link targets and HTML tags too.
NOT_PROSE = re.compile(NOT_TRANSLATED.pattern + r"|\]\([^)]*\)|<[^>]+>", re.DOTALL)


def glossary_problems(course: Course, language: str) -> list[str]:
    """Terms the translations introduce without a glossary row, and rows no translation uses."""
    terms = read_terms(glossary_path(course, language)) if glossary_path(course, language).is_file() else []
    by_english: dict[str, list[Term]] = {}
    for term in terms:
        by_english.setdefault(term.english, []).append(term)
    problems_found, used = [], set()
    for lesson, before, english in term_uses(course, language):
        rows = [term for term in by_english.get(english, [])
                if term.term == NOT_A_TERM or before.endswith(term.term)]
        if rows:
            used.update(rows)
        else:
            problems_found.append(f"{lesson}: no glossary row for ...{before[-20:]}({english})")
    problems_found += [f"glossary row {term.term}\t{term.english} is used by no lesson"
                       for term in terms if term not in used]
    return problems_found


def write_glossary(course: Course, language: str) -> Path:
    """notebooks-<language>/glossary.md: the glossary, sorted, with each term's first lesson."""
    found = glossary_problems(course, language)
    if found:
        raise TranslationError("the glossary does not match the translations: " + "; ".join(found[:5])
                               + (f" (and {len(found) - 5} more)" if len(found) > 5 else ""))
    terms = read_terms(glossary_path(course, language))
    first: dict[Term, str] = {}
    for lesson, before, english in term_uses(course, language):
        for term in terms:
            if term.english == english and term.term != NOT_A_TERM and before.endswith(term.term):
                first.setdefault(term, lesson)
    header = GLOSSARY_HEADER[language]
    lines = [f"# {GLOSSARY_TITLE[language]}", "",
             f"| {' | '.join(header)} |", "|---|---|---|---|"]
    lines += [f"| {term.term} | {term.english} | {first[term]} | {term.book} |"
              for term in sorted(terms, key=lambda term: (term.term, term.english)) if term.term != NOT_A_TERM]
    target = course.translated_release(language) / "glossary.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
