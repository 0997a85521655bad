"""Grades out of the gradebook: the grade table, per-cell scores, feedback, CSV export."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .config import COURSE_ID
from .course import Course
from .nbgrader_cli import error_summary, run_nbgrader
from .results import GRADED, GradingResult, Status, load_result

NOT_SUBMITTED = "not submitted"


@dataclass(frozen=True)
class GradeRow:
    student: str
    assignment: str
    score: float
    max_score: float
    status: Status
    message: str
    late_penalty: float = 0.0   # already taken from score (deadlines.toml)


def grade_rows(course: Course) -> list[GradeRow]:
    """One row per student and assignment in the gradebook, with the autograder's status."""
    rows = []
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        assignments = sorted(gradebook.assignments, key=lambda a: a.name)
        for student in sorted(gradebook.students, key=lambda s: s.id):
            for assignment in assignments:
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                except MissingEntry:
                    rows.append(GradeRow(student.id, assignment.name, 0.0, assignment.max_score,
                                         NOT_SUBMITTED, "no submission"))
                    continue
                result = load_result(course, student.id, assignment.name)
                status = result.status if result else GRADED
                message = result.message if result else "graded with nbgrader directly"
                penalty = float(submission.late_submission_penalty or 0.0)
                if status == GRADED:
                    message = _graded_message(submission)
                    if result and result.notes:
                        message += f" ({result.notes})"
                    if submission.total_seconds_late > 0:
                        message += f"; {_lateness(submission.total_seconds_late)} late: -{penalty:g} points"
                rows.append(GradeRow(student.id, assignment.name, float(submission.score) - penalty,
                                     float(submission.max_score), status, message, penalty))
    return rows


def _lateness(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def _graded_message(submission) -> str:
    failed: dict[str, list[str]] = {}
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            if grade.max_score and grade.score < grade.max_score:
                exercise, _, kind = grade.name.rpartition("_")
                failed.setdefault(exercise or grade.name, []).append(kind)
    message = "all tests passed" if not failed else "tests failed: " + ", ".join(
        f"{exercise} ({' + '.join(kinds)})" for exercise, kinds in failed.items())
    if submission.needs_manual_grade:
        message += "; some cells need a manual grade"
    return message


def cell_scores(course: Course, student: str, assignment: str) -> dict[str, tuple[float, float]]:
    """{grade cell id: (score, max score)} for one submission of a one-notebook assignment."""
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        notebook = gradebook.find_submission_notebook(assignment, assignment, student)
        return {grade.name: (float(grade.score), float(grade.max_score)) for grade in notebook.grades}


def format_grade_table(rows: list[GradeRow]) -> str:
    header = ("student", "assignment", "score", "status")
    lines = [(r.student, r.assignment, f"{r.score:g} / {r.max_score:g}", f"{r.status}: {r.message}")
             for r in rows]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    def fmt(values):
        return "  ".join(str(v).ljust(w) for v, w in zip(values[:-1], widths)) + "  " + values[-1]
    rule = "-" * (sum(widths[:-1]) + 2 * len(widths[:-1]) + min(widths[-1], 40))
    return "\n".join([fmt(header), rule, *map(fmt, lines)])


def write_grade_table_csv(rows: list[GradeRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "assignment", "score", "max_score", "late_penalty", "status", "message"])
        for r in rows:
            writer.writerow([r.student, r.assignment, r.score, r.max_score, r.late_penalty, r.status, r.message])
    return path


def generate_feedback(course: Course, results: list[GradingResult]) -> list[str]:
    """Feedback HTML for every graded submission; returns one problem line per failure."""
    problems = []
    for result in results:
        if result.status != GRADED:
            continue
        process = run_nbgrader(["generate_feedback", result.assignment, "--student",
                                result.student, "--force"], course.root)
        if process.returncode != 0:
            problems.append(f"{result.student}/{result.assignment}: feedback failed: "
                            f"{error_summary(process)}")
    return problems


def export_grades_csv(course: Course, path: Path | None = None) -> Path:
    """nbgrader's own CSV export of the gradebook (one row per student and assignment)."""
    path = path or course.root / "grades.csv"
    process = run_nbgrader(["export", "--to", str(path)], course.root)
    if process.returncode != 0:
        raise RuntimeError(f"nbgrader export failed: {error_summary(process)}")
    return path
