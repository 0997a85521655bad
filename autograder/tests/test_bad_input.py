"""Broken submissions get a clear reason and 0, and cost nobody else anything."""

import pytest

from autograder.course import repo_course
from autograder.grading import GRADED, REJECTED
from autograder.proof import MACHINERY, lessons_with_role
from autograder.report import cell_scores, format_grade_table, grade_rows
from autograder.submissions import exercise_of, read_notebook, solution_answers

from .conftest import (
    BROKEN,
    DELETED_TESTS,
    EDITED_TESTS,
    KERNEL_DIES,
    NO_NOTEBOOK,
    SOLUTION,
    WRONG_NAME,
    graded_assignments,
)
from .expected import lesson_points

ASSIGNMENTS = graded_assignments()
TAMPERED = [a for a in ASSIGNMENTS if a in lessons_with_role(repo_course(), MACHINERY)]
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
    rows = {(r.student, r.assignment): r for r in grade_rows(graded_class.course(assignment))}
    row = rows[(student, assignment)]
    assert row.score == 0 and row.max_score == lesson_points(graded_class.course(assignment), assignment)
    assert REASONS[student] in row.message


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grade_table_shows_every_submission_once_with_honest_grades_intact(graded_class, assignment):
    rows = grade_rows(graded_class.course(assignment))
    keys = [(r.student, r.assignment) for r in rows]
    assert len(keys) == len(set(keys))
    assert {k for k in graded_class.results if k[1] == assignment} <= set(keys)
    for row in rows:
        if row.student == SOLUTION:
            assert row.status == GRADED and row.score == row.max_score
    table = format_grade_table(rows)
    assert "is not valid JSON" in table and "all tests passed" in table


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_regrading_one_submission_leaves_the_others_alone(graded_class, assignment):
    from autograder.grading import autograde_submission

    course = graded_class.course(assignment)
    before = {(r.student, r.assignment): r.score for r in grade_rows(course)}
    assert autograde_submission(course, "not_json", assignment).status == REJECTED
    after = {(r.student, r.assignment): r.score for r in grade_rows(course)}
    assert after == before


@pytest.mark.parametrize("assignment", TAMPERED)
def test_deleted_test_cells_are_restored_and_a_correct_answer_keeps_full_marks(graded_class, assignment):
    rows = {(r.student, r.assignment): r for r in grade_rows(graded_class.course(assignment))}
    row = rows[(DELETED_TESTS, assignment)]
    assert row.status == GRADED and row.score == row.max_score, row
    assert "manual grade" not in row.message


@pytest.mark.parametrize("assignment", TAMPERED)
def test_test_cells_replaced_by_pass_are_restored_and_the_stubs_score_zero(graded_class, assignment):
    rows = {(r.student, r.assignment): r for r in grade_rows(graded_class.course(assignment))}
    row = rows[(EDITED_TESTS, assignment)]
    assert row.status == GRADED and row.score == 0, row


@pytest.mark.parametrize("assignment", TAMPERED)
def test_a_dying_kernel_costs_only_the_cell_it_died_in(graded_class, assignment):
    """os._exit in the last exercise's cell: that exercise is lost, the rest is graded."""
    result = graded_class.result(KERNEL_DIES, assignment)
    assert result.status == GRADED
    assert "the kernel died" in result.message and "grading went on" in result.message
    scores = cell_scores(graded_class.course(assignment), KERNEL_DIES, assignment)
    last_exercise = list(solution_answers(read_notebook(
        graded_class.course(assignment).source_notebook(assignment))))[-1]
    for cell, (score, max_score) in scores.items():
        expected = 0 if exercise_of(cell) == last_exercise else max_score
        assert score == expected, (cell, score, max_score)
    rows = {(r.student, r.assignment): r for r in grade_rows(graded_class.course(assignment))}
    assert "the kernel died" in rows[(KERNEL_DIES, assignment)].message
