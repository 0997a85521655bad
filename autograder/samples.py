"""The demo's sample class: one submission of each kind an instructor meets.

They are built from the sources each time (so they never drift), never hand-copied:
a full-marks answer, the untouched release, a partly wrong answer (two named wrong
implementations from the lesson's proof file), a notebook that is not valid JSON, and a
notebook saved under the wrong name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .course import Course
from .proof import load_proof
from .submissions import apply_edit, lesson_answers, write_submission

SAMPLE_STUDENTS = {
    "ada": "full marks: every exercise answered correctly",
    "ben": "the untouched release: nothing answered",
    "cleo": "partly wrong: the first two wrong answers of the lesson",
    "dev": "a notebook cut off mid-save: not valid JSON",
    "eve": "the right notebook saved under the wrong file name",
}


def write_sample_submissions(course: Course, assignment: str) -> list[Path]:
    """Write the sample class's submissions of ``assignment`` under submitted/."""
    release, answers = lesson_answers(course, assignment)
    partly_wrong = answers
    for edit in load_proof(course, assignment).wrong_answers[:2]:
        partly_wrong = apply_edit(partly_wrong, edit)

    for student in SAMPLE_STUDENTS:
        shutil.rmtree(course.submission_dir(student, assignment), ignore_errors=True)
    written = [
        write_submission(course, "ada", assignment),
        write_submission(course, "ben", assignment, release),
        write_submission(course, "cleo", assignment, answers=partly_wrong),
        write_submission(course, "eve", assignment, file_name=f"{assignment} (1).ipynb"),
    ]
    text = written[0].read_text(encoding="utf-8")
    broken = write_submission(course, "dev", assignment)
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    return written + [broken]
