"""The grading proof's class for one lesson: every submission its proof file calls for, graded.

For a lesson, ``grade_proof_class`` writes, into a scratch course, the solution, the untouched
release, each wrong, right, warning and tampering answer of its ``LessonProof``, broken files
(not JSON, empty, not a notebook, renamed, missing) between honest ones, and, for a lesson with
the ``machinery`` role, deleted and edited test cells and a kernel that dies. It grades them in
one nbgrader run (the slow answer under a short cell limit and the warning answer without
nbgrader's IgnorePattern among them, each with arguments of its own) and returns every result, so the tests read
all of their evidence from one real gradebook. Nothing here names a lesson.
"""

from __future__ import annotations

from .course import Course
from .grading import GradingResult, autograde_all
from .proof import MACHINERY, load_proof
from .release import build_release
from .submissions import SourceEdit, filled_submission, lesson_answers, nbgrader_meta, write_submission

SOLUTION, RELEASE = "solution", "release"
# The warning answer graded with IgnorePattern switched off: proves the warning reaches stderr.
WARNS_WITHOUT_IGNORE = "warns_without_ignore_pattern"
# Broken submissions, graded between honest ones.
BROKEN = {
    "not_json": lambda text: text[: len(text) // 3],
    "empty_file": lambda text: "",
    "json_not_notebook": lambda text: '{"cells": "not a list"}',
}
WRONG_NAME, NO_NOTEBOOK = "wrong_file_name", "no_notebook"
# Test cells tampered with: deleted from a correct answer, or replaced by `pass` in the release.
DELETED_TESTS, EDITED_TESTS = "deleted_test_cells", "edited_test_cells"
KERNEL_DIES = "kernel_dies"
# The cell limit the slow answer is graded under (seconds, on nbgrader's command line): short,
# yet long enough for the lesson's own cells on a loaded 2-core machine.
SLOW_CELL_LIMIT = 8


def write_proof_class(course: Course, assignment: str, language: str | None = None) -> list[str]:
    """Write every proof submission of ``assignment`` (built from the ``language`` translation's
    release if given); the students, in the order to grade them."""
    proof = load_proof(course, assignment)
    release, answers = lesson_answers(course, assignment, language)
    solution = write_submission(course, SOLUTION, assignment, language=language)
    write_submission(course, RELEASE, assignment, release)
    for student, edits in proof.graded_submissions().items():
        write_submission(course, student, assignment, edit=edits, language=language)
    for student, damage in BROKEN.items():
        write_submission(course, student, assignment, language=language).write_text(damage(solution.read_text()))
    write_submission(course, WRONG_NAME, assignment, file_name="Untitled.ipynb", language=language)
    course.submission_dir(NO_NOTEBOOK, assignment).mkdir(parents=True, exist_ok=True)
    # Honest submissions on both sides of the broken ones: none may disturb the others.
    order = [SOLUTION, *BROKEN, WRONG_NAME, NO_NOTEBOOK]
    if MACHINERY in proof.roles:
        _write_machinery_checks(course, assignment, release, answers, language)
        order += [KERNEL_DIES, DELETED_TESTS, EDITED_TESTS]
    return order + [RELEASE] + list(proof.graded_submissions())


def _write_machinery_checks(course: Course, assignment: str, release, answers: dict[str, str],
                            language: str | None) -> None:
    without_tests = filled_submission(release, answers)
    without_tests.cells = [c for c in without_tests.cells if not nbgrader_meta(c).get("grade")]
    write_submission(course, DELETED_TESTS, assignment, without_tests)
    edited_tests = filled_submission(release, {})
    for cell in edited_tests.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = "pass  # the learner replaced the tests"
    write_submission(course, EDITED_TESTS, assignment, edited_tests)
    last_exercise = list(answers)[-1]
    write_submission(course, KERNEL_DIES, assignment, edit=kernel_dies(last_exercise, answers[last_exercise]),
                     language=language)


def kernel_dies(exercise: str, answer: str) -> SourceEdit:
    """The last exercise's answer preceded by os._exit: its cell kills the kernel."""
    return SourceEdit(KERNEL_DIES, exercise, answer, "import os\nos._exit(1)\n" + answer, loses=())


def grade_proof_class(course: Course, assignment: str, workers: int = 1,
                      language: str | None = None) -> dict[tuple[str, str], GradingResult]:
    """Release ``assignment`` in ``course``, write its proof class (from the ``language``
    translation if given) and grade it (``workers`` submissions at a time): every result."""
    build_release(course, [assignment])
    order = write_proof_class(course, assignment, language)
    proof = load_proof(course, assignment)
    # Two submissions graded with arguments of their own, in the same pool as the rest: the
    # slow answer first (it mostly waits for its cell limit), the warning answer last.
    args_for = {}
    if proof.slow_answer:
        write_submission(course, proof.slow_answer.name, assignment, edit=proof.slow_answer, language=language)
        args_for[proof.slow_answer.name] = (f"--Execute.timeout={SLOW_CELL_LIMIT}",)
        order.insert(0, proof.slow_answer.name)
    if proof.warning_answer:
        write_submission(course, WARNS_WITHOUT_IGNORE, assignment, edit=proof.warning_answer, language=language)
        args_for[WARNS_WITHOUT_IGNORE] = ("--IgnorePattern.enabled=False",)
        order.append(WARNS_WITHOUT_IGNORE)
    return {(r.student, r.assignment): r
            for r in autograde_all(course, students=order, assignments=[assignment], progress=False,
                                   workers=workers, args_for=args_for)}


def proof_class_size(course: Course, assignment: str) -> int:
    """How many submissions the proof class of ``assignment`` grades (to schedule longest first)."""
    proof = load_proof(course, assignment)
    return len(proof.graded_submissions()) + 3 * (MACHINERY in proof.roles)
