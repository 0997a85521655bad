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


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> GradedClass:
    assignments = graded_assignments()
    courses = {a: scratch_course(tmp_path_factory.mktemp(a)) for a in assignments}
    # Two nbgrader runs at a time, one per core (each is mostly one busy process): two lessons side
    # by side, or one lesson's submissions two at a time when only one is graded (make test-fast).
    # Lessons with the most submissions go first, so the two workers finish close together.
    longest_first = sorted(assignments, key=lambda a: proof_class_size(courses[a], a), reverse=True)
    workers_per_lesson = 2 if len(assignments) == 1 else 1
    # Training cells run short while grading here (graded cells never read the switch); the
    # variable is restored afterwards, so no later test runs with it by accident.
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max_workers=2) as pool:
        patch.setenv(QUICK_RUN_VARIABLE, "1")
        graded = pool.map(lambda a: grade_proof_class(courses[a], a, workers_per_lesson), longest_first)
        results = {key: value for lesson in graded for key, value in lesson.items()}
    return GradedClass(courses, results)
