"""The demo's sample class: one submission of each kind an instructor meets.

They are built from the sources each time (so they never drift), never hand-copied:
a full-marks answer, the untouched release, a partly wrong answer (two named wrong
implementations from ``wrong_answers``), a notebook that is not valid JSON, and a
notebook saved under the wrong name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .course import Course
from .submissions import apply_edit, filled_submission, read_notebook, solution_answers, write_notebook
from .wrong_answers import WRONG_ANSWERS

SAMPLE_STUDENTS = {
    "ada": "full marks: every exercise answered correctly",
    "ben": "the untouched release: nothing answered",
    "cleo": "partly wrong: the first two wrong answers of the lesson",
    "dev": "a notebook cut off mid-save: not valid JSON",
    "eve": "the right notebook saved under the wrong file name",
}


def write_sample_submissions(course: Course, assignment: str) -> list[Path]:
    """Write the sample class's submissions of ``assignment`` under submitted/."""
    release = read_notebook(course.release_notebook(assignment))
    answers = solution_answers(read_notebook(course.source_notebook(assignment)))
    partly_wrong = answers
    for edit in WRONG_ANSWERS.get(assignment, [])[:2]:
        partly_wrong = apply_edit(partly_wrong, edit)

    name = f"{assignment}.ipynb"
    for student in SAMPLE_STUDENTS:
        shutil.rmtree(course.submission_dir(student, assignment), ignore_errors=True)
    written = [
        write_notebook(filled_submission(release, answers), course.submission_dir("ada", assignment) / name),
        write_notebook(release, course.submission_dir("ben", assignment) / name),
        write_notebook(filled_submission(release, partly_wrong), course.submission_dir("cleo", assignment) / name),
        write_notebook(filled_submission(release, answers),
                       course.submission_dir("eve", assignment) / f"{assignment} (1).ipynb"),
    ]
    broken = course.submission_dir("dev", assignment) / name
    broken.parent.mkdir(parents=True, exist_ok=True)
    text = (course.submission_dir("ada", assignment) / name).read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    return written + [broken]
