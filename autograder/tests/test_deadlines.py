"""Due dates, extensions and late penalties (deadlines.toml), and the grades sent out to Canvas."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from autograder.config import QUICK_RUN_VARIABLE, REPO_ROOT
from autograder.course import scratch_course
from autograder.deadlines import DAY_SECONDS, PolicyError, parse_policy
from autograder.grading import GRADED, autograde_all
from autograder.lms_export import (
    CANVAS_IDENTITY,
    POINTS_POSSIBLE,
    RosterError,
    read_roster,
    write_canvas_csv,
    write_exercise_csv,
)
from autograder.release import build_release
from autograder.report import grade_rows
from autograder.submissions import write_submission

from .expected import lesson_points

LESSON = "01_rnn_gradients"
OTHER = "02_vanilla_rnn"
LESSONS = [LESSON, OTHER]
POLICY = f"""
[due]
{LESSON} = 2026-09-14T23:59:00+09:00

[penalty]
per_day = 0.1
zero_after_days = 7

[extensions]
extended = {{ {LESSON} = 48 }}
"""
DUE = datetime(2026, 9, 14, 14, 59, tzinfo=timezone.utc)


def test_the_penalty_is_a_share_of_the_score_per_started_day():
    policy = parse_policy(POLICY, LESSONS)
    assert policy.due == {LESSON: DUE}
    assert policy.penalty(10.0, 0) == 0.0
    assert policy.penalty(10.0, -3600) == 0.0
    assert policy.penalty(10.0, 1) == pytest.approx(1.0)                    # one started day
    assert policy.penalty(10.0, DAY_SECONDS) == pytest.approx(1.0)
    assert policy.penalty(10.0, DAY_SECONDS + 1) == pytest.approx(2.0)
    assert policy.penalty(10.0, 7 * DAY_SECONDS) == pytest.approx(7.0)
    assert policy.penalty(10.0, 7 * DAY_SECONDS + 1) == 10.0                # past zero_after_days
    assert parse_policy("[penalty]\nper_day = 0.4", LESSONS).penalty(10.0, 5 * DAY_SECONDS) == 10.0   # never more
    assert policy.extension("extended", LESSON) == timedelta(hours=48)
    assert policy.extension("extended", OTHER) is None and policy.extension("someone", LESSON) is None


def test_no_policy_means_nothing_is_late():
    policy = parse_policy("", LESSONS)
    assert policy.due == {} and policy.penalty(10.0, 10 * DAY_SECONDS) == 0.0


@pytest.mark.parametrize("text,reason", [
    (f"[due]\n{LESSON} = 2026-09-14T23:59:00", "has no UTC offset"),
    (f'[due]\n{LESSON} = "next monday"', "is not a date"),
    ("[due]\n03_lsmt = 2026-09-14T23:59:00+09:00", "names '03_lsmt', which is not an assignment"),
    ("[penalty]\nper_day = 10", "[penalty] per_day must be a number from 0 to 1"),
    ("[penalty]\nper_week = 0.1", "[penalty] knows per_day and zero_after_days"),
    ("[deadlines]\nx = 1", "unknown section(s) ['deadlines']"),
    ("[extensions]\nkim = 48", "[extensions] kim must be a table"),
    (f"[extensions]\nkim = {{ {LESSON} = -2 }}", f"[extensions] kim.{LESSON} (hours) must be a number"),
    ("[due\n", "is not valid TOML"),
])
def test_a_mistake_in_the_policy_is_named_in_one_line(text, reason):
    with pytest.raises(PolicyError) as raised:
        parse_policy(text, LESSONS)
    assert reason in str(raised.value) and "\n" not in str(raised.value)


def test_autograde_stops_before_grading_when_the_policy_is_wrong(tmp_path):
    course = scratch_course(tmp_path / "course")
    (course.root / "deadlines.toml").write_text(f"[due]\n{LESSON} = 2026-09-14", encoding="utf-8")
    process = subprocess.run([sys.executable, "-m", "autograder", "--root", str(course.root), "autograde"],
                             capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert process.returncode == 2
    assert process.stderr.strip().splitlines() == [
        f"python -m autograder autograde: deadlines.toml: [due] {LESSON} must be a date and time, "
        "like 2026-09-14T23:59:00+09:00"]
    assert not (course.root / "autograded").exists()


def test_a_roster_with_a_missing_column_is_named(tmp_path):
    (tmp_path / "roster.csv").write_text("student,name,section\nkim,Kim,1\n", encoding="utf-8")
    with pytest.raises(RosterError, match="missing canvas_id, sis_user_id, sis_login_id"):
        read_roster(tmp_path)


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f %Z")        # as nbgrader's exchange writes it


@pytest.fixture(scope="module")
def late_class(tmp_path_factory):
    """Lesson 01's solution handed in on time, 30 hours late, and 30 hours late with 48 hours' extension."""
    course = scratch_course(tmp_path_factory.mktemp("deadlines"))
    (course.root / "deadlines.toml").write_text(POLICY, encoding="utf-8")
    (course.root / "roster.csv").write_text(
        "student,name,canvas_id,sis_user_id,sis_login_id,section\n"
        'ontime,"Lee, Ara",101,S101,ara.lee,Section 1\n'
        'late,"Park, Joon",102,S102,joon.park,Section 2\n', encoding="utf-8")
    build_release(course, [LESSON])
    handed_in = {"ontime": DUE - timedelta(hours=2), "late": DUE + timedelta(hours=30),
                 "extended": DUE + timedelta(hours=30)}
    for student, moment in handed_in.items():
        folder = write_submission(course, student, LESSON).parent
        (folder / "timestamp.txt").write_text(_timestamp(moment), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(QUICK_RUN_VARIABLE, "1")
        results = autograde_all(course, students=list(handed_in), assignments=[LESSON], progress=False, workers=3)
    assert all(r.status == GRADED for r in results), [r.message for r in results]
    return course


def test_late_work_loses_its_share_and_an_extension_moves_the_due_date(late_class):
    full = lesson_points(late_class, LESSON)
    rows = {r.student: r for r in grade_rows(late_class)}
    assert rows["ontime"].score == full and rows["ontime"].late_penalty == 0
    assert rows["extended"].score == full and rows["extended"].late_penalty == 0
    # 30 hours late: two started days at 10 % each
    assert rows["late"].late_penalty == pytest.approx(0.2 * full)
    assert rows["late"].score == pytest.approx(0.8 * full)
    assert "30.0 hours late: -" in rows["late"].message


def test_the_canvas_csv_has_canvas_s_import_layout(late_class, tmp_path):
    full = lesson_points(late_class, LESSON)
    path = write_canvas_csv(late_class, grade_rows(late_class), tmp_path / "canvas.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        header, points, *learners = list(csv.reader(handle))
    assert header == [*CANVAS_IDENTITY, LESSON]
    assert points == [POINTS_POSSIBLE, "", "", "", "", f"{full:g}"]
    assert learners == [
        ["extended", "", "", "extended", "", f"{full:g}"],              # not in the roster: its login only
        ["Park, Joon", "102", "S102", "joon.park", "Section 2", f"{0.8 * full:g}"],
        ["Lee, Ara", "101", "S101", "ara.lee", "Section 1", f"{full:g}"],
    ]


def test_the_exercise_csv_splits_every_exercise_into_visible_and_hidden_points(late_class, tmp_path):
    path = write_exercise_csv(late_class, tmp_path / "exercises.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ontime = [r for r in rows if r["student"] == "ontime"]
    assert {r["exercise"] for r in ontime} == {"scalar_rnn_forward", "scalar_rnn_grad", "clip_by_global_norm"}
    assert sum(float(r["score"]) for r in ontime) == lesson_points(late_class, LESSON)
    assert all(r["score"] == r["max_score"] and float(r["hidden_max"]) > 0 and float(r["visible_max"]) > 0
               for r in ontime)
