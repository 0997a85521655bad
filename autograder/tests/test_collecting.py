"""The two ways the instructor guide collects submissions, run end to end on one machine:
nbgrader's exchange (release, fetch, submit, collect) and an LMS zip with zip_collect."""

import os
import zipfile

import pytest

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.nbgrader_cli import run_nbgrader
from autograder.proof import EXAMPLE, lesson_with_role
from autograder.release import build_release
from autograder.report import grade_rows
from autograder.submissions import filled_submission, read_notebook, solution_answers, write_notebook

from .expected import lesson_points

LESSON = lesson_with_role(repo_course(), EXAMPLE)
# LMS downloads name files <student>_<notebook>; nbgrader matches the regexp on the whole path.
LMS_FILE_NAMES = r"--FileNameCollectorPlugin.named_regexp=.*/(?P<student_id>[^/_]+)_(?P<file_id>[^/]+)"


def _ok(process):
    assert process.returncode == 0, process.stderr[-2000:]
    return process


@pytest.mark.slow  # release, exchange, collect and autograde, each a run of nbgrader
def test_exchange_and_zip_collect_bring_submissions_to_the_autograder(tmp_path):
    course = scratch_course(tmp_path / "course")
    build_release(course, [LESSON])

    # 1. nbgrader's exchange on one machine: the instructor releases, a learner fetches and
    # submits from their own folder, the instructor collects.
    exchange, learner = tmp_path / "exchange", tmp_path / "learner"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    learner.mkdir()
    where = ["--course", "rnn-course", f"--Exchange.root={exchange}"]
    _ok(run_nbgrader(["release_assignment", LESSON, *where], course.root))
    _ok(run_nbgrader(["fetch_assignment", LESSON, *where], learner))
    fetched = learner / LESSON / f"{LESSON}.ipynb"
    answers = solution_answers(read_notebook(course.source_notebook(LESSON)))
    write_notebook(filled_submission(read_notebook(fetched), answers), fetched)  # the learner's work
    _ok(run_nbgrader(["submit", LESSON, *where], learner))
    _ok(run_nbgrader(["collect", LESSON, *where], course.root))
    exchanged = [p.name for p in course.submitted.iterdir()]
    assert len(exchanged) == 1  # the learner's login name

    # 2. An LMS download: one zip of <student>_<notebook> files.
    archive = course.root / "downloaded" / LESSON / "archive"
    archive.mkdir(parents=True)
    release = course.release_notebook(LESSON)
    with zipfile.ZipFile(archive / "class.zip", "w") as zipped:
        zipped.write(release, f"ada_{LESSON}.ipynb")
        zipped.write(release, f"ben_{LESSON}.ipynb")
    _ok(run_nbgrader(["zip_collect", LESSON, "--force", LMS_FILE_NAMES], course.root))

    results = autograde_all(course, progress=False, workers=2)
    assert sorted(r.student for r in results) == sorted([*exchanged, "ada", "ben"])
    assert all(r.status == GRADED for r in results)
    scores = {row.student: (row.score, row.max_score) for row in grade_rows(course)}
    assert scores[exchanged[0]][0] == scores[exchanged[0]][1] == lesson_points(course, LESSON)
    assert scores["ada"][0] == scores["ben"][0] == 0
