"""Broken submissions get a clear reason and 0, and cost nobody else anything."""

import pytest

from autograder.grading import GRADED, REJECTED
from autograder.report import format_grade_table, grade_rows
from autograder.course import repo_course

from .conftest import BROKEN, NO_NOTEBOOK, SOLUTION, WRONG_NAME

ASSIGNMENTS = repo_course().assignment_ids()
REASONS = {
    "not_json": "is not valid JSON",
    "empty_file": "is an empty file",
    "json_not_notebook": "is JSON but not a Jupyter notebook",
    WRONG_NAME: "found Untitled.ipynb (renamed?)",
    NO_NOTEBOOK: "missing notebook",
}


@pytest.mark.parametrize("student", [*BROKEN, WRONG_NAME, NO_NOTEBOOK])
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_broken_submission_scores_zero_with_a_reason(graded_class, student, assignment):
    result = graded_class.result(student, assignment)
    assert result.status == REJECTED
    assert REASONS[student] in result.message
    rows = {(r.student, r.assignment): r for r in grade_rows(graded_class.course)}
    row = rows[(student, assignment)]
    assert row.score == 0 and row.max_score > 0
    assert REASONS[student] in row.message


def test_grade_table_shows_every_submission_once_with_honest_grades_intact(graded_class):
    rows = grade_rows(graded_class.course)
    keys = [(r.student, r.assignment) for r in rows]
    assert len(keys) == len(set(keys))
    assert set(graded_class.results) <= set(keys)
    for row in rows:
        if row.student == SOLUTION:
            assert row.status == GRADED and row.score == row.max_score
    table = format_grade_table(rows)
    assert "is not valid JSON" in table and "all tests passed" in table


def test_regrading_one_submission_leaves_the_others_alone(graded_class):
    from autograder.grading import autograde_submission

    before = {(r.student, r.assignment): r.score for r in grade_rows(graded_class.course)}
    for assignment in ASSIGNMENTS:
        assert autograde_submission(graded_class.course, "not_json", assignment).status == REJECTED
    after = {(r.student, r.assignment): r.score for r in grade_rows(graded_class.course)}
    assert after == before
