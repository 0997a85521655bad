"""Hostile and broken submissions, each built from a real release notebook, with the honest grade.

Every ``Attack`` turns a lesson's release plus its solution answers into a submission that
tries something: loops forever, crashes the kernel, fills memory, forks, moves or disguises
test cells, reads the solutions, writes the gradebook. ``loses`` names the exercises an
honest grader would give 0 (each of the others keeps its full marks) and ``reason`` is text
the instructor's one-line status must contain. This module has the ways to build attacks; the
attacks themselves are in the proof file of the lesson they are built from
(``LessonProof.attacks``), and ``test_adversarial.py`` grades them all in one class, beside
honest submissions, and checks each.

Wrong answers that tamper with the tests' tools are ``LessonProof.tampering``; these are the
attacks on the grading run itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

from nbformat.v4 import new_code_cell, new_markdown_cell

from .submissions import SourceEdit, apply_edit, filled_submission, nbgrader_meta

# Each attack runs with these limits, so a timeout or a memory bomb costs seconds, not minutes.
CELL_TIMEOUT_SECONDS = 10
MEMORY_LIMIT_MB = 2048


@dataclass(frozen=True)
class Attack:
    """``inflates_in_the_kernel``: this attack scores more than it solved when the test cells run
    in the learner's kernel (the lesson's proof without ``trusted_verdict``); the suite shows it."""

    name: str
    build: Callable  # (release notebook, {exercise: answer code}) -> submission notebook
    loses: tuple[str, ...] = ()
    reason: str = ""
    why: str = ""
    inflates_in_the_kernel: bool = False


def edit_answer(exercise: str, old: str, new: str) -> Callable:
    """An attack that changes one answer's code (``old`` must occur once)."""
    def build(release, answers):
        return filled_submission(release, apply_edit(answers, SourceEdit("attack", exercise, old, new, ())))
    return build


def append_to_answer(exercise: str, code: str) -> Callable:
    """An attack that adds top-level code after one (correct) answer."""
    def build(release, answers):
        return filled_submission(release, {**answers, exercise: answers[exercise] + "\n\n" + code})
    return build


def replace_answer(exercise: str, code: str) -> Callable:
    """An attack that hands in ``code`` as the whole answer to ``exercise``."""
    def build(release, answers):
        return filled_submission(release, {**answers, exercise: code})
    return build


def trick_cell(code: str, answers: dict[str, str] | None = None) -> Callable:
    """An attack that adds a cell of ``code`` after the notebook's first code cell (the imports),
    to the release as handed out or with ``answers`` (default: none of the exercises solved)."""
    def build(release, solution):
        notebook = filled_submission(release, answers or {})
        first = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
        notebook.cells.insert(first + 1, new_code_cell(code))
        return notebook
    return build


def restructure(change: Callable, wrong: SourceEdit | None = None) -> Callable:
    """An attack that rearranges the cells of the filled notebook (after a ``wrong`` answer, if given)."""
    def build(release, answers):
        if wrong:
            answers = apply_edit(answers, wrong)
        notebook = filled_submission(release, answers)
        notebook.cells = change(list(notebook.cells))
        return notebook
    return build


def cell_index(cells, grade_id: str) -> int:
    return next(i for i, cell in enumerate(cells) if nbgrader_meta(cell).get("grade_id") == grade_id)


def move_to_top(grade_id: str) -> Callable:
    def change(cells):
        moved = cells.pop(cell_index(cells, grade_id))
        return [cells[0], moved, *cells[1:]]
    return change


def to_markdown(*grade_ids: str) -> Callable:
    def change(cells):
        for grade_id in grade_ids:
            cell = cells[cell_index(cells, grade_id)]
            cells[cell_index(cells, grade_id)] = new_markdown_cell(cell.source, metadata=cell.metadata)
        return cells
    return change


def duplicate_and_blank(grade_id: str) -> Callable:
    """A copy of a locked test cell, emptied, placed after the original (so its id is the last)."""
    def change(cells):
        index = cell_index(cells, grade_id)
        duplicate = copy.deepcopy(cells[index])
        duplicate.source = "pass  # my copy of the tests"
        return [*cells[:index + 1], duplicate, *cells[index + 1:]]
    return change


def delete_cell(grade_id: str) -> Callable:
    def change(cells):
        return [cell for cell in cells if nbgrader_meta(cell).get("grade_id") != grade_id]
    return change


def add_cell_after(grade_id: str, code: str) -> Callable:
    def change(cells):
        index = cell_index(cells, grade_id)
        return [*cells[:index + 1], new_code_cell(code), *cells[index + 1:]]
    return change


def add_scratch_cells(cells):
    result = []
    for cell in cells:
        result.append(cell)
        if nbgrader_meta(cell).get("solution"):
            name = nbgrader_meta(cell)["grade_id"]
            result.append(new_markdown_cell(f"My notes on `{name}`."))
            result.append(new_code_cell(f"print({name}.__name__, 'defined')"))
    return result


# An object built to pass naive comparisons; an attack returns it in place of an answer.
LIAR = '''class Liar(float):
    """Equal to anything, any attribute is itself: built to pass naive comparisons."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __bool__(self): return True
    def __getattr__(self, name): return self
    def __call__(self, *args, **kwargs): return self
    def __array__(self, *args, **kwargs): return np.array(-1.0)
    __hash__ = float.__hash__
'''
