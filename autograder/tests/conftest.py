"""One graded class, built once per test session in scratch course directories.

For every lesson, its proof class (``autograder.proof_class``: the solution, the untouched
release, every answer of its proof file, broken submissions) is autograded in a scratch course
of its own, so the grading proof reads all of its evidence from real nbgrader gradebooks. The
repository's own gradebook and submitted/ are never touched.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from autograder.config import GRADE_ONLY_VARIABLE, QUICK_RUN_VARIABLE
from autograder.course import Course, repo_course, scratch_course
from autograder.grading import GradingResult
from autograder.proof_class import (  # noqa: F401
    BROKEN,
    DELETED_TESTS,
    EDITED_TESTS,
    KERNEL_DIES,
    NO_NOTEBOOK,
    RELEASE,
    SOLUTION,
    WARNS_WITHOUT_IGNORE,
    WRONG_NAME,
    grade_proof_class,
    proof_class_size,
)

# Developers working on one lesson may set RNN_COURSE_GRADE_ONLY=05_sequence_tasks,06_word_vectors
# to grade just those (CI leaves it unset and grades every lesson).
ONLY_VARIABLE = GRADE_ONLY_VARIABLE
# RNN_COURSE_PROOF_LANGUAGE=ko builds every proof submission from the Korean release instead
# (the same proof on the translated notebooks; `make test` runs the English one).
PROOF_LANGUAGE_VARIABLE = "RNN_COURSE_PROOF_LANGUAGE"


def graded_assignments() -> list[str]:
    """Every lesson, or the ones named in RNN_COURSE_GRADE_ONLY."""
    every = repo_course().assignment_ids()
    only = [a.strip() for a in os.environ.get(ONLY_VARIABLE, "").split(",") if a.strip()]
    unknown = set(only) - set(every)
    if unknown:
        raise ValueError(f"{ONLY_VARIABLE} names unknown lessons: {sorted(unknown)}")
    return [a for a in every if a in only] if only else every


@dataclass
class GradedClass:
    """Each lesson graded in a scratch course of its own (its own gradebook), in parallel."""

    courses: dict[str, Course]
    results: dict[tuple[str, str], GradingResult]

    def course(self, assignment: str) -> Course:
        return self.courses[assignment]

    def result(self, student: str, assignment: str) -> GradingResult:
        return self.results[(student, assignment)]


ONE_LESSON_RUNS_AT_ONCE = 3


def lessons_the_session_needs(items, every: list[str]) -> list[str]:
    """The lessons that the selected tests grade: ``pytest -k 04_gru`` grades lesson 04 only.

    A selected test that uses ``graded_class`` without an ``assignment`` parameter may read any
    lesson, so then every lesson is graded."""
    needed = set()
    for item in items:
        if "graded_class" not in getattr(item, "fixturenames", ()):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "assignment" not in params:
            return every
        needed.add(params["assignment"])
    return [a for a in every if a in needed] or every


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, request) -> GradedClass:
    assignments = lessons_the_session_needs(request.session.items, graded_assignments())
    courses = {a: scratch_course(tmp_path_factory.mktemp(a)) for a in assignments}
    # One lesson (make test-fast): its submissions three at a time on the two cores. One run keeps a
    # core busy only about half of its time (it waits on kernel start-up, replies and cell limits),
    # so a third run fills the gaps (lesson 01's class: 125 s two at a time, 111 s three at a time).
    # Several lessons: two side by side, one run each, since their quick training cells keep a core
    # busy (three at a time is not measured there, and the full suite has no time to spare).
    # Lessons with the most submissions go first, so the workers finish close together.
    longest_first = sorted(assignments, key=lambda a: proof_class_size(courses[a], a), reverse=True)
    single = len(assignments) == 1
    workers_per_lesson, lessons_at_once = (ONE_LESSON_RUNS_AT_ONCE, 1) if single else (1, 2)
    # Training cells run short while grading here (graded cells never read the switch); the
    # variable is restored afterwards, so no later test runs with it by accident.
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max_workers=lessons_at_once) as pool:
        patch.setenv(QUICK_RUN_VARIABLE, "1")
        language = os.environ.get(PROOF_LANGUAGE_VARIABLE) or None
        graded = pool.map(lambda a: grade_proof_class(courses[a], a, workers_per_lesson, language), longest_first)
        results = {key: value for lesson in graded for key, value in lesson.items()}
    return GradedClass(courses, results)
