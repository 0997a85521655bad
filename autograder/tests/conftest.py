"""One graded class, built once per test session in a scratch course directory.

Every lesson's solution, its untouched release, each wrong answer and harmless change from
``wrong_answers``, and a handful of broken submissions are autograded together, so the
grading proof reads all of its evidence from one real nbgrader gradebook. The repository's
own gradebook and submitted/ are never touched.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from autograder.course import Course, repo_course, scratch_course
from helpers.settings import QUICK_RUN_VARIABLE
from autograder.grading import GradingResult, autograde_all, autograde_submission
from autograder.release import build_release
from autograder.submissions import (SourceEdit, apply_edit, filled_submission, nbgrader_meta,
                                    read_notebook, solution_answers, write_notebook)
from autograder.wrong_answers import HARMLESS_CHANGES, WRONG_ANSWERS, all_edits

# Developers working on one lesson may set RNN_COURSE_GRADE_ONLY=05_sequence_tasks,06_word_vectors
# to grade just those (CI leaves it unset and grades every lesson).
ONLY_VARIABLE = "RNN_COURSE_GRADE_ONLY"


def graded_assignments() -> list[str]:
    """Every lesson, or the ones named in RNN_COURSE_GRADE_ONLY."""
    every = repo_course().assignment_ids()
    only = [a.strip() for a in os.environ.get(ONLY_VARIABLE, "").split(",") if a.strip()]
    unknown = set(only) - set(every)
    if unknown:
        raise ValueError(f"{ONLY_VARIABLE} names unknown lessons: {sorted(unknown)}")
    return [a for a in every if a in only] if only else every


SOLUTION, RELEASE = "solution", "release"
# Graded with IgnorePattern switched off: proves the harmless warning really reaches stderr.
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
# The tampered and crashing submissions each cost a full nbgrader run, and they test the
# grading machinery rather than a lesson: one numpy lesson and one PyTorch lesson carry them.
TAMPER_LESSONS = ("01_rnn_gradients", "05_sequence_tasks")
# Lesson 01's chain-rule answer, correct but sleeping in every call: graded with a 4 s cell
# limit set on the command line, it must lose that exercise only (proves Execute.timeout works).
SLOW_ANSWER_ASSIGNMENT = "01_rnn_gradients"
SLOW_ANSWER = SourceEdit("sleeps_past_the_cell_timeout", "scalar_rnn_grad", "    grad = 1.0\n",
                         "    import time\n    time.sleep(20)\n    grad = 1.0\n", loses=("scalar_rnn_grad",))


@dataclass
class GradedClass:
    """Each lesson graded in a scratch course of its own (its own gradebook), in parallel."""

    courses: dict[str, Course]
    results: dict[tuple[str, str], GradingResult]

    def course(self, assignment: str) -> Course:
        return self.courses[assignment]

    def result(self, student: str, assignment: str) -> GradingResult:
        return self.results[(student, assignment)]


def _write_class(course: Course, assignment: str) -> None:
    release = read_notebook(course.release_notebook(assignment))
    answers = solution_answers(read_notebook(course.source_notebook(assignment)))
    name = f"{assignment}.ipynb"
    write_notebook(filled_submission(release, answers), course.submission_dir(SOLUTION, assignment) / name)
    write_notebook(release, course.submission_dir(RELEASE, assignment) / name)
    for edit_assignment, edit in all_edits():
        if edit_assignment == assignment:
            write_notebook(filled_submission(release, apply_edit(answers, edit)),
                           course.submission_dir(edit.name, assignment) / name)
    solution_text = (course.submission_dir(SOLUTION, assignment) / name).read_text()
    for student, damage in BROKEN.items():
        path = course.submission_dir(student, assignment) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(damage(solution_text))
    write_notebook(filled_submission(release, answers),
                   course.submission_dir(WRONG_NAME, assignment) / "Untitled.ipynb")
    course.submission_dir(NO_NOTEBOOK, assignment).mkdir(parents=True, exist_ok=True)

    if assignment not in TAMPER_LESSONS:
        return
    without_tests = filled_submission(release, answers)
    without_tests.cells = [c for c in without_tests.cells if not nbgrader_meta(c).get("grade")]
    write_notebook(without_tests, course.submission_dir(DELETED_TESTS, assignment) / name)
    edited_tests = filled_submission(release, {})
    for cell in edited_tests.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = "pass  # the learner replaced the tests"
    write_notebook(edited_tests, course.submission_dir(EDITED_TESTS, assignment) / name)
    last_exercise = list(answers)[-1]
    dies = SourceEdit(KERNEL_DIES, last_exercise, answers[last_exercise],
                      "import os\nos._exit(1)\n" + answers[last_exercise], loses=())
    write_notebook(filled_submission(release, apply_edit(answers, dies)),
                   course.submission_dir(KERNEL_DIES, assignment) / name)


def _grade_lesson(course: Course, assignment: str) -> dict[tuple[str, str], GradingResult]:
    build_release(course, [assignment])
    _write_class(course, assignment)
    # Honest submissions on both sides of the broken ones: none may disturb the others.
    students = course.student_ids()
    order = [SOLUTION, *BROKEN, WRONG_NAME, NO_NOTEBOOK, KERNEL_DIES, RELEASE]
    order += [s for s in students if s not in order]
    results = {(r.student, r.assignment): r
               for r in autograde_all(course, students=order, progress=False)}
    if assignment == SLOW_ANSWER_ASSIGNMENT:
        release = read_notebook(course.release_notebook(assignment))
        answers = solution_answers(read_notebook(course.source_notebook(assignment)))
        write_notebook(filled_submission(release, apply_edit(answers, SLOW_ANSWER)),
                       course.submission_dir(SLOW_ANSWER.name, assignment) / f"{assignment}.ipynb")
        result = autograde_submission(course, SLOW_ANSWER.name, assignment, ("--Execute.timeout=4",))
        results[(SLOW_ANSWER.name, assignment)] = result
    for edit in HARMLESS_CHANGES.get(assignment, [])[:1]:
        source = course.submission_dir(edit.name, assignment)
        target = course.submission_dir(WARNS_WITHOUT_IGNORE, assignment)
        target.mkdir(parents=True, exist_ok=True)
        for notebook in source.glob("*.ipynb"):
            (target / notebook.name).write_bytes(notebook.read_bytes())
        result = autograde_submission(course, WARNS_WITHOUT_IGNORE, assignment,
                                      ("--IgnorePattern.enabled=False",))
        results[(WARNS_WITHOUT_IGNORE, assignment)] = result
    return results


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> GradedClass:
    assignments = graded_assignments()
    courses = {a: scratch_course(tmp_path_factory.mktemp(a)) for a in assignments}
    # Two lessons at a time: one per core, each nbgrader run is mostly one busy process.
    # Lessons with the most submissions go first, so the two workers finish close together.
    def submissions(assignment):
        return len(WRONG_ANSWERS.get(assignment, [])) + 3 * (assignment in TAMPER_LESSONS)
    longest_first = sorted(assignments, key=submissions, reverse=True)
    # Training cells run short while grading here (graded cells never read the switch); the
    # variable is restored afterwards, so no later test runs with it by accident.
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max_workers=2) as pool:
        patch.setenv(QUICK_RUN_VARIABLE, "1")
        graded = pool.map(lambda a: _grade_lesson(courses[a], a), longest_first)
        results = {key: value for lesson in graded for key, value in lesson.items()}
    return GradedClass(courses, results)
