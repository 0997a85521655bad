"""Building submissions from the instructor source: answers filled in, or edited on purpose.

A submission is what a learner hands in: the release notebook with their code in the
solution cells. The grading proof and the demo build theirs from the solution source, so
no hand-copied notebook can drift from it. An edit (``SourceEdit``) is a small, named change
to one exercise's solution code; ``old`` must occur exactly once, so an edit that no longer
fits the solution fails loudly instead of silently testing nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .course import Course

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
TEST_CELL_SUFFIXES = ("_visible", "_hidden")


class EditDoesNotApply(ValueError):
    """A SourceEdit's ``old`` text is not found exactly once in its exercise's solution."""


@dataclass(frozen=True)
class SourceEdit:
    """A named change to the solution of ``exercise`` (its solution cell's grade_id).

    loses: the exercises whose test cells must all score 0 with this edit; every other
    test cell must keep its points. Empty for a harmless change (for example a warning).
    """

    name: str
    exercise: str
    old: str | None  # None: ``new`` is the whole answer (a right answer written from scratch)
    new: str
    loses: tuple[str, ...]
    why: str = ""

    @classmethod
    def whole_answer(cls, name: str, exercise: str, code: str, why: str = "",
                     loses: tuple[str, ...] = ()) -> "SourceEdit":
        """An answer to ``exercise`` written in full, as a learner would hand it in."""
        return cls(name, exercise, None, code, loses, why)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def kind_of_test(test_grade_id: str) -> str:
    """``scalar_rnn_grad_hidden`` -> ``hidden``; every other test cell counts as ``visible``."""
    return "hidden" if test_grade_id.endswith("_hidden") else "visible"


def exercise_of(test_grade_id: str) -> str | None:
    """``scalar_rnn_grad_hidden`` -> ``scalar_rnn_grad``: the course's test-cell naming rule."""
    for suffix in TEST_CELL_SUFFIXES:
        if test_grade_id.endswith(suffix):
            return test_grade_id[: -len(suffix)]
    return None


def answer_code(source_text: str) -> str:
    """A solution cell's code as a learner would write it: the solution markers removed."""
    return "\n".join(
        line for line in source_text.splitlines() if line.strip() not in SOLUTION_MARKERS
    )


def solution_answers(source_notebook) -> dict[str, str]:
    """{solution cell grade_id: answer code} for every solution cell of the source."""
    return {
        nbgrader_meta(cell)["grade_id"]: answer_code(cell.source)
        for cell in source_notebook.cells
        if nbgrader_meta(cell).get("solution")
    }


def apply_edit(answers: dict[str, str], edit: SourceEdit) -> dict[str, str]:
    """A copy of ``answers`` with ``edit`` applied to its exercise."""
    if edit.exercise not in answers:
        raise EditDoesNotApply(f"{edit.name}: no solution cell with grade_id {edit.exercise!r}")
    if edit.old is None:
        return {**answers, edit.exercise: edit.new}
    code = answers[edit.exercise]
    count = code.count(edit.old)
    if count != 1:
        raise EditDoesNotApply(
            f"{edit.name}: expected the text to replace exactly once in {edit.exercise}, "
            f"found it {count} times; update the edit to match the solution:\n{edit.old}"
        )
    return {**answers, edit.exercise: code.replace(edit.old, edit.new)}


def filled_submission(release_notebook, answers: dict[str, str]):
    """The release notebook with each solution cell replaced by ``answers[grade_id]``."""
    submission = copy.deepcopy(release_notebook)
    for cell in submission.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if nbgrader_meta(cell).get("solution") and grade_id in answers:
            cell.source = answers[grade_id]
    return submission


def read_notebook(path: Path):
    return nbformat.read(str(path), as_version=4)


def write_notebook(notebook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def lesson_answers(course: Course, assignment: str, language: str | None = None):
    """(release notebook, {exercise: solution answer}) of one lesson: what submissions are built
    from; with a ``language``, the release is that translation's (notebooks-<language>/)."""
    release = read_notebook(course.release_notebook(assignment) if language is None else
                            course.translated_release(language) / assignment / f"{assignment}.ipynb")
    return release, solution_answers(read_notebook(course.source_notebook(assignment)))


def write_submission(course: Course, student: str, assignment: str, notebook=None, *,
                     answers: dict[str, str] | None = None,
                     edit: SourceEdit | tuple[SourceEdit, ...] | None = None,
                     file_name: str | None = None, language: str | None = None) -> Path:
    """Write ``student``'s submission of ``assignment`` under submitted/ and return its path.

    The submission is ``notebook`` as given or, without one, the release (in ``language``'s
    translation if given) with ``answers`` filled in (default: the solution's), after ``edit``
    (one edit, or several applied in turn) if given. ``file_name`` defaults to the name the
    grader expects, ``<assignment>.ipynb``.
    """
    if notebook is None:
        release, solution = lesson_answers(course, assignment, language)
        answers = solution if answers is None else answers
        for one in (edit,) if isinstance(edit, SourceEdit) else edit or ():
            answers = apply_edit(answers, one)
        notebook = filled_submission(release, answers)
    return write_notebook(notebook, course.submission_dir(student, assignment) / (file_name or f"{assignment}.ipynb"))
