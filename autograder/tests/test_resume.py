"""An interrupted autograde run resumes without regrading, or losing, what it finished."""

import pytest

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, REJECTED, autograde_all
from autograder.proof import EXAMPLE, lesson_with_role
from autograder.release import build_release
from autograder.report import grade_rows
from autograder.submissions import write_submission

from .expected import lesson_points

LESSON = lesson_with_role(repo_course(), EXAMPLE)


@pytest.mark.slow  # three grading runs
def test_resume_grades_only_what_is_new_or_changed_and_keeps_finished_grades(tmp_path):
    course = scratch_course(tmp_path / "course")
    build_release(course, [LESSON])
    write_submission(course, "ada", LESSON)
    write_submission(course, "ben", LESSON, answers={})
    write_submission(course, "cleo", LESSON).write_text("")

    # The first run "is interrupted" after ada.
    assert [r.status for r in autograde_all(course, students=["ada"], progress=False)] == [GRADED]
    resumed = {r.student: r for r in autograde_all(course, progress=False, resume=True)}
    assert "unchanged since graded; kept" in resumed["ada"].message and resumed["ada"].seconds == 0
    assert resumed["ben"].status == GRADED and "kept" not in resumed["ben"].message
    assert resumed["cleo"].status == REJECTED

    # Running again changes nothing and runs nothing.
    again = autograde_all(course, progress=False, resume=True)
    assert all("kept" in r.message for r in again), [r.line() for r in again]
    before = {(r.student, r.score) for r in grade_rows(course)}

    # ben resubmits a finished notebook: only ben is graded again, and now has full marks.
    write_submission(course, "ben", LESSON)
    changed = {r.student: r for r in autograde_all(course, progress=False, resume=True)}
    assert "kept" not in changed["ben"].message
    assert "kept" in changed["ada"].message and "kept" in changed["cleo"].message
    rows = {r.student: r for r in grade_rows(course)}
    assert rows["ben"].score == rows["ben"].max_score == lesson_points(course, LESSON)
    assert {(s, score) for s, score in before if s != "ben"} == {
        (r.student, r.score) for r in rows.values() if r.student != "ben"}
