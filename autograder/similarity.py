"""Copied work: pairs of submissions whose learner-written answers are alike.

Only what learners wrote is compared: each submission's solution cells, exercise by exercise.
The release's stub and the code it gives (signatures, docstrings) are fingerprinted as
boilerplate and left out; the tests are never in a solution cell. The comparison is copydetect's
(winnowing, the method of MOSS), which fingerprints code after replacing every name by a
placeholder, so renamed variables do not hide a copy. Before that, each answer is put in a
canonical form with Python's own parser: docstrings and comments dropped, the layout
normalised, and every run of plain statements (assignments, calls) sorted, so that reordering
independent lines does not hide one either.

A pair is listed for an exercise when each of its two answers shares at least ``THRESHOLD`` of
its fingerprinted code with the other. Answers that the docstring pins down almost line by line
are alike by necessity: the course's own right answers, written independently, stay below
0.85 (measured over every lesson), a renamed and reordered copy scores 1.0. A listed pair is a
reason to look, not a verdict.
"""

from __future__ import annotations

import ast
import io
import logging
from dataclasses import dataclass, field
from itertools import combinations

from copydetect import CodeFingerprint, compare_files
from copydetect.utils import filter_code

from .course import Course
from .submissions import nbgrader_meta, read_notebook
from .translations import LANGUAGES

THRESHOLD = 0.9
NOISE_CHARACTERS = 25          # copydetect's defaults: k-grams of 25 filtered characters,
WINDOW = 6                     # every match of 30 or more found
PLAIN_STATEMENTS = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)


@dataclass
class SimilarAnswer:
    exercise: str
    similarity: float          # the smaller of the two shares
    code: tuple[str, str]


@dataclass
class SimilarPair:
    assignment: str
    students: tuple[str, str]
    answers: list[SimilarAnswer] = field(default_factory=list)


def _filtered(node: ast.AST) -> str:
    return filter_code(ast.unparse(node), "answer.py", "python")[0]


def _is_docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def canonical(code: str) -> str:
    """``code`` without docstrings or comments, laid out by ast.unparse, each run of plain
    statements sorted by its form with names replaced; code that does not parse is kept as it is."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if not isinstance(body, list) or not body or not isinstance(body[0], ast.stmt):
                continue
            statements = [s for s in body if not _is_docstring(s)] or [ast.Pass()]
            ordered, run = [], []
            for statement in statements:
                if isinstance(statement, PLAIN_STATEMENTS):
                    run.append(statement)
                    continue
                ordered += sorted(run, key=_filtered) + [statement]
                run = []
            setattr(node, name, ordered + sorted(run, key=_filtered))
    return ast.unparse(tree)


def fingerprint(code: str, boilerplate=()) -> CodeFingerprint:
    # copydetect logs a warning for code too short to fingerprint; that case is handled here
    logging.getLogger().disabled, before = True, logging.getLogger().disabled
    try:
        return CodeFingerprint("answer.py", NOISE_CHARACTERS, WINDOW, boilerplate=list(boilerplate),
                               fp=io.StringIO(canonical(code)), language="python")
    finally:
        logging.getLogger().disabled = before


def similarity(a: CodeFingerprint, b: CodeFingerprint) -> float:
    """The smaller of the two shares of fingerprinted code that each answer has in common with the other."""
    if len(a.hashes) == 0 or len(b.hashes) == 0:
        return 0.0
    _, shares, _ = compare_files(a, b)
    return float(min(shares))


def answer_similarity(first: str, second: str, stub: str = "") -> float:
    """How alike two answers to one exercise are, the code the release gives (``stub``) left out."""
    boilerplate = fingerprint(stub).hashes if stub else ()
    return similarity(fingerprint(first, boilerplate), fingerprint(second, boilerplate))


def solution_cells(notebook) -> dict[str, str]:
    return {nbgrader_meta(c)["grade_id"]: c.source for c in notebook.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade_id")}


def similar_pairs(course: Course, assignment: str, threshold: float = THRESHOLD) -> list[SimilarPair]:
    """Every pair of submissions of ``assignment`` with an exercise answered alike (see the module)."""
    stubs = solution_cells(read_notebook(course.release_notebook(assignment)))
    boilerplate = {exercise: set(fingerprint(stub).hashes) for exercise, stub in stubs.items()}
    for language in LANGUAGES:  # a translated release gives the same code with its own stub text
        translated = course.translated_release(language) / assignment / f"{assignment}.ipynb"
        if translated.is_file():
            for exercise, stub in solution_cells(read_notebook(translated)).items():
                boilerplate.get(exercise, set()).update(fingerprint(stub).hashes)
    answers: dict[str, dict[str, tuple[str, CodeFingerprint]]] = {}
    for student in course.student_ids():
        path = course.submission_dir(student, assignment) / f"{assignment}.ipynb"
        try:
            cells = solution_cells(read_notebook(path))
        except Exception:          # a missing or broken notebook has no answers to compare
            continue
        answers[student] = {exercise: (code, fingerprint(code, boilerplate[exercise]))
                            for exercise, code in cells.items() if exercise in stubs}
    pairs = []
    for first, second in combinations(sorted(answers), 2):
        pair = SimilarPair(assignment, (first, second))
        for exercise in stubs:
            if exercise in answers[first] and exercise in answers[second]:
                (code_a, print_a), (code_b, print_b) = answers[first][exercise], answers[second][exercise]
                score = similarity(print_a, print_b)
                if score >= threshold:
                    pair.answers.append(SimilarAnswer(exercise, score, (code_a, code_b)))
        if pair.answers:
            pairs.append(pair)
    return pairs
