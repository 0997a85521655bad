"""What became of each submission: its status, its one-line message, and the status file kept
beside the gradebook (grade_reports/<student>/<assignment>.json), which ``--resume`` and the
grade table read back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

from .course import Course


class Status(str, Enum):
    """What became of a submission (a str, so status files and tables show the plain word)."""

    GRADED = "graded"      # nbgrader ran it; the gradebook holds its scores
    REJECTED = "rejected"  # not a runnable notebook (missing, empty, not JSON): recorded as 0
    FAILED = "failed"      # nbgrader itself failed; an older grade is kept, else 0

    def __str__(self) -> str:
        return self.value


GRADED, REJECTED, FAILED = Status.GRADED, Status.REJECTED, Status.FAILED


@dataclass
class GradingResult:
    """What happened to one submission: status is graded, rejected or failed."""

    student: str
    assignment: str
    status: Status
    message: str
    seconds: float = 0.0
    # sha256 of the submission's files when it was graded: a resumed run skips it if unchanged
    fingerprint: str = ""
    # what went wrong while it ran but did not stop the grading (a crash, a timeout), or ""
    notes: str = ""

    def __post_init__(self):
        self.status = Status(self.status)  # a status file holds the plain word

    def line(self) -> str:
        return f"{self.student} / {self.assignment}: {self.status} ({self.seconds:.1f} s) - {self.message}"


def report_path(course: Course, student: str, assignment: str) -> Path:
    return course.reports / student / f"{assignment}.json"


def save_result(course: Course, result: GradingResult) -> None:
    path = report_path(course, result.student, result.assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result), indent=1), encoding="utf-8")


def load_result(course: Course, student: str, assignment: str) -> GradingResult | None:
    path = report_path(course, student, assignment)
    try:
        return GradingResult(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
