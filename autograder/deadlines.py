"""Due dates, extensions and the late penalty, from one small policy file: ``deadlines.toml``.

    [due]                       # assignment = due date, ISO 8601 with its UTC offset
    lesson_a = 2026-09-14T23:59:00+09:00   # (an assignment id of the course)

    [penalty]
    per_day = 0.10              # share of the score taken for each started day late
    zero_after_days = 7         # optional: later than this, the submission scores 0

    [extensions]                # student = { assignment = extra hours }
    kim = { lesson_a = 48 }

nbgrader does the bookkeeping: each assignment's due date sits in the gradebook, a
submission's ``timestamp.txt`` (written by nbgrader's exchange) says when it was handed in,
and an extension moves that student's due date. Autograding then asks the late-submission
plugin named in nbgrader_config.py (:class:`PolicyPenalty`) for the penalty, and nbgrader stores
it next to the score. Without the file nothing is late. A file that cannot be read stops
grading with one line saying what to fix.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Unicode

from .course import Course

POLICY_FILE = "deadlines.toml"
DAY_SECONDS = 24 * 3600


class PolicyError(ValueError):
    """deadlines.toml cannot be used; the message names the entry and what to write instead."""


@dataclass(frozen=True)
class LatePolicy:
    due: dict[str, datetime] = field(default_factory=dict)          # assignment -> due date (UTC)
    per_day: float = 0.0
    zero_after_days: float | None = None
    extensions: dict[tuple[str, str], timedelta] = field(default_factory=dict)   # (student, assignment)

    def penalty(self, score: float, seconds_late: float) -> float:
        """Points taken from ``score`` for a submission ``seconds_late`` after its (extended) due date."""
        if seconds_late <= 0:
            return 0.0
        days = seconds_late / DAY_SECONDS
        if self.zero_after_days is not None and days > self.zero_after_days:
            return score
        return min(score, score * self.per_day * math.ceil(days))

    def extension(self, student: str, assignment: str) -> timedelta | None:
        return self.extensions.get((student, assignment))


def _utc(value, where: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise PolicyError(f"{POLICY_FILE}: {where} = {value!r} is not a date; "
                              "write it as 2026-09-14T23:59:00+09:00") from None
    if not isinstance(value, datetime):
        raise PolicyError(f"{POLICY_FILE}: {where} must be a date and time, like 2026-09-14T23:59:00+09:00")
    if value.tzinfo is None:
        raise PolicyError(f"{POLICY_FILE}: {where} has no UTC offset; add one, like 2026-09-14T23:59:00+09:00")
    return value.astimezone(timezone.utc)


def _number(value, where: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or (
            high is not None and value > high):
        limits = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        raise PolicyError(f"{POLICY_FILE}: {where} must be a number {limits}, not {value!r}")
    return float(value)


def parse_policy(text: str, assignments: list[str]) -> LatePolicy:
    """The policy written in ``text``; :class:`PolicyError` names the first entry that is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{POLICY_FILE} is not valid TOML: {error}") from None
    unknown = set(data) - {"due", "penalty", "extensions"}
    if unknown:
        raise PolicyError(f"{POLICY_FILE}: unknown section(s) {sorted(unknown)}; use [due], [penalty], [extensions]")

    def known(assignment: str, where: str) -> str:
        if assignment not in assignments:
            raise PolicyError(f"{POLICY_FILE}: {where} names {assignment!r}, which is not an assignment "
                              f"of this course ({', '.join(assignments)})")
        return assignment

    due = {known(a, "[due]"): _utc(value, f"[due] {a}") for a, value in data.get("due", {}).items()}
    penalty = data.get("penalty", {})
    extra = set(penalty) - {"per_day", "zero_after_days"}
    if extra:
        raise PolicyError(f"{POLICY_FILE}: [penalty] knows per_day and zero_after_days, not {sorted(extra)}")
    per_day = _number(penalty.get("per_day", 0.0), "[penalty] per_day", 0.0, 1.0)
    zero_after = penalty.get("zero_after_days")
    zero_after = None if zero_after is None else _number(zero_after, "[penalty] zero_after_days", 0.0)
    extensions = {}
    for student, hours_by_assignment in data.get("extensions", {}).items():
        if not isinstance(hours_by_assignment, dict):
            raise PolicyError(f"{POLICY_FILE}: [extensions] {student} must be a table, like "
                              f"{student} = {{ {assignments[0] if assignments else 'lesson'} = 48 }}")
        for assignment, hours in hours_by_assignment.items():
            known(assignment, f"[extensions] {student}")
            hours = _number(hours, f"[extensions] {student}.{assignment} (hours)", 0.0)
            extensions[(student, assignment)] = timedelta(hours=hours)
    return LatePolicy(due, per_day, zero_after, extensions)


def load_policy(root: Path, assignments: list[str]) -> LatePolicy:
    """The course's policy, or an empty one (nothing is ever late) when it has no deadlines.toml."""
    path = Path(root) / POLICY_FILE
    if not path.is_file():
        return LatePolicy()
    return parse_policy(path.read_text(encoding="utf-8"), assignments)


class PolicyPenalty(LateSubmissionPlugin):
    """nbgrader's late-submission plugin, with the penalty of the course's deadlines.toml."""

    course_root = Unicode("", help="The course directory, where deadlines.toml is read.").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float:
        course = Course(Path(self.course_root or "."))
        policy = load_policy(course.root, course.assignment_ids())
        penalty = policy.penalty(score, total_seconds_late)
        self.log.info("late by %.0f s: penalty %s of %s", total_seconds_late, penalty, score)
        return penalty
