"""Grades out to the LMS: Canvas's gradebook-import layout, and the points of every exercise.

Canvas imports a CSV whose first columns say who the learner is, ``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, ``Section``, followed by one column per assignment; a second
row, ``Points Possible``, gives each assignment's maximum (Canvas's own export writes it the
same way and skips it on import). Canvas matches rows to learners by those identity columns, so
they come from an optional ``roster.csv`` in the course directory:

    student,name,canvas_id,sis_user_id,sis_login_id,section
    kim,"Kim, Minji",1234,20261234,kim,Section 1

``student`` is the learner's id in nbgrader (their JupyterHub user name). Without a roster,
or for a learner it leaves out, the name is the one in the gradebook and the SIS Login ID is
the nbgrader id (on most hubs, the same login), the other columns empty.

A score is the autograded score less any late penalty (deadlines.toml). An assignment that was
never handed in is left empty, so Canvas keeps whatever it already has (its missing-submission
policy decides); a submission that could not be graded scores 0, as in the grade table.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .config import COURSE_ID
from .course import Course
from .report import NOT_SUBMITTED, GradeRow
from .submissions import exercise_of, kind_of_test

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "    Points Possible"
ROSTER_FILE = "roster.csv"
ROSTER_COLUMNS = ("student", "name", "canvas_id", "sis_user_id", "sis_login_id", "section")


class RosterError(ValueError):
    """roster.csv cannot be read; the message names the line."""


def read_roster(root: Path) -> dict[str, dict[str, str]]:
    """{nbgrader student id: roster row}; empty when the course has no roster.csv."""
    path = Path(root) / ROSTER_FILE
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ROSTER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RosterError(f"{ROSTER_FILE}: the header needs {', '.join(ROSTER_COLUMNS)}; "
                              f"missing {', '.join(missing)}")
        roster = {}
        for line, row in enumerate(reader, start=2):
            student = (row["student"] or "").strip()
            if not student:
                raise RosterError(f"{ROSTER_FILE} line {line}: the student column is empty")
            if student in roster:
                raise RosterError(f"{ROSTER_FILE} line {line}: student {student!r} is listed twice")
            roster[student] = {c: (row[c] or "").strip() for c in ROSTER_COLUMNS}
    return roster


def _gradebook_names(course: Course) -> dict[str, str]:
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        return {s.id: ", ".join(n for n in (s.last_name, s.first_name) if n) for s in gradebook.students}


def canvas_identity(student: str, roster: dict[str, dict[str, str]], names: dict[str, str]) -> list[str]:
    entry = roster.get(student)
    if entry:
        return [entry["name"] or names.get(student) or student, entry["canvas_id"], entry["sis_user_id"],
                entry["sis_login_id"] or student, entry["section"]]
    return [names.get(student) or student, "", "", student, ""]


def write_canvas_csv(course: Course, rows: list[GradeRow], path: Path) -> Path:
    """The grades in Canvas's gradebook-import layout: one row per learner, one column per assignment."""
    roster, names = read_roster(course.root), _gradebook_names(course)
    assignments = sorted({r.assignment for r in rows})
    maximum = {r.assignment: r.max_score for r in rows}
    by_student: dict[str, dict[str, GradeRow]] = {}
    for row in rows:
        by_student.setdefault(row.student, {})[row.assignment] = row
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*CANVAS_IDENTITY, *assignments])
        writer.writerow([POINTS_POSSIBLE, "", "", "", "", *(f"{maximum[a]:g}" for a in assignments)])
        for student in sorted(by_student):
            grades = by_student[student]
            cells = ["" if a not in grades or grades[a].status == NOT_SUBMITTED else f"{grades[a].score:g}"
                     for a in assignments]
            writer.writerow([*canvas_identity(student, roster, names), *cells])
    return path


def write_exercise_csv(course: Course, path: Path) -> Path:
    """Points per learner, assignment and exercise, the visible and hidden tests apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle, Gradebook(course.db_url, COURSE_ID) as gradebook:
        writer = csv.writer(handle)
        writer.writerow(["student", "assignment", "exercise", "visible_score", "visible_max",
                         "hidden_score", "hidden_max", "score", "max_score"])
        for student in sorted(s.id for s in gradebook.students):
            for assignment in sorted(a.name for a in gradebook.assignments):
                try:
                    submission = gradebook.find_submission(assignment, student)
                except MissingEntry:
                    continue
                points: dict[str, dict[str, list[float]]] = {}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        exercise = exercise_of(grade.name) or grade.name
                        kind = kind_of_test(grade.name)
                        scores = points.setdefault(exercise, {"visible": [0.0, 0.0], "hidden": [0.0, 0.0]})
                        scores[kind][0] += float(grade.score or 0.0)
                        scores[kind][1] += float(grade.max_score or 0.0)
                for exercise, kinds in points.items():
                    visible, hidden = kinds["visible"], kinds["hidden"]
                    writer.writerow([student, assignment, exercise, f"{visible[0]:g}", f"{visible[1]:g}",
                                     f"{hidden[0]:g}", f"{hidden[1]:g}", f"{visible[0] + hidden[0]:g}",
                                     f"{visible[1] + hidden[1]:g}"])
    return path
