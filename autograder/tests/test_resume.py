"""An interrupted autograde run resumes without regrading, or losing, what it finished."""

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, REJECTED, autograde_all
from autograder.release import build_release
from autograder.report import grade_rows
from autograder.submissions import filled_submission, read_notebook, solution_answers, write_notebook

from .expected import lesson_points

LESSON = "01_rnn_gradients"


def test_resume_grades_only_what_is_new_or_changed_and_keeps_finished_grades(tmp_path):
    course = scratch_course(tmp_path / "course")
    build_release(course, [LESSON])
    release = read_notebook(repo_course().release_notebook(LESSON))
    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    name = f"{LESSON}.ipynb"
    write_notebook(filled_submission(release, answers), course.submission_dir("ada", LESSON) / name)
    write_notebook(release, course.submission_dir("ben", LESSON) / name)
    broken = course.submission_dir("cleo", LESSON) / name
    broken.parent.mkdir(parents=True)
    broken.write_text("")

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
    write_notebook(filled_submission(release, answers), course.submission_dir("ben", LESSON) / name)
    changed = {r.student: r for r in autograde_all(course, progress=False, resume=True)}
    assert "kept" not in changed["ben"].message
    assert "kept" in changed["ada"].message and "kept" in changed["cleo"].message
    rows = {r.student: r for r in grade_rows(course)}
    assert rows["ben"].score == rows["ben"].max_score == lesson_points(course, LESSON)
    assert {(s, score) for s, score in before if s != "ben"} == {
        (r.student, r.score) for r in rows.values() if r.student != "ben"}
