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

``problems`` says what keeps a translation from being built: a block whose English cell
changed since it was translated (stale), a markdown cell without a block (missing), a block
for no markdown cell (unknown). ``python -m autograder translations`` prints them with the
English text to translate.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

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


def problems(english, blocks: dict[str, Block]) -> list[str]:
    """Why ``blocks`` cannot translate the English notebook ``english``, a line each (empty: it can)."""
    markdown = _markdown_cells(english)
    lines = [f"{cell}: stale, its English text changed since it was translated"
             for cell, block in blocks.items() if cell in markdown and block.sha != english_sha(markdown[cell])]
    lines += [f"{cell}: missing, a markdown cell without a translation" for cell in markdown if cell not in blocks]
    lines += [f"{cell}: unknown, no markdown cell has this id" for cell in blocks if cell not in markdown]
    lines += [f"{cell}: empty translation" for cell, block in blocks.items() if not block.text.strip()]
    return lines


def translate(notebook, blocks: dict[str, Block]):
    """A copy of ``notebook`` with every markdown cell's text replaced by its block."""
    translated = nbformat.from_dict(notebook)
    for cell in translated.cells:
        if cell.cell_type == "markdown":
            cell.source = blocks[cell.id].text
    return translated


def translation_problems(course: Course, lesson: str, language: str) -> list[str]:
    path = translation_path(course, lesson, language)
    english = nbformat.read(str(course.source_notebook(lesson)), as_version=4)
    return [f"{path.relative_to(course.root)}: {line}" for line in problems(english, read_blocks(path))]


def write_translated_release(course: Course, lesson: str, language: str) -> Path:
    """notebooks-<language>/<lesson>/<lesson>.ipynb from the English release; raises on any problem."""
    found = translation_problems(course, lesson, language)
    if found:
        raise TranslationError("; ".join(found[:5]) + (f" (and {len(found) - 5} more)" if len(found) > 5 else ""))
    release = nbformat.read(str(course.release_notebook(lesson)), as_version=4)
    blocks = read_blocks(translation_path(course, lesson, language))
    # The release's markdown must be the English that was translated: a cell nbgrader changed
    # (a written answer's stub) would otherwise get the translated solution.
    changed = [cell.id for cell in release.cells
               if cell.cell_type == "markdown" and english_sha(cell.source) != blocks[cell.id].sha]
    if changed:
        raise TranslationError(f"{lesson}: the release changed markdown cells {changed}; only plain "
                               "(ungraded) markdown cells can be translated")
    target = course.translated_release(language) / lesson / f"{lesson}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(translate(release, blocks), str(target))
    return target


def to_translate(course: Course, lesson: str, language: str) -> str:
    """The blocks still to write: each stale or missing cell's marker with its current English text."""
    path = translation_path(course, lesson, language)
    blocks = read_blocks(path) if path.is_file() else {}
    english = _markdown_cells(nbformat.read(str(course.source_notebook(lesson)), as_version=4))
    return "\n".join(f"{marker(cell, text)}\n{text.rstrip()}\n" for cell, text in english.items()
                     if cell not in blocks or blocks[cell].sha != english_sha(text))


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
