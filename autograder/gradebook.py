"""The gradebook: the only module that writes it.

One writer: each grading run writes a private copy, merged afterwards.

nbgrader autograde writes its grades straight into the gradebook. Run side by side, several
of those would write into one SQLite file at once (or need a server for every worker). So
each submission is autograded against a private SQLite gradebook that holds only the course's
assignments (``write_template`` copies them once per run), and the grading process, the one
writer, moves the finished submission into the real gradebook (``merge_submission``) in one
place, SQLite or PostgreSQL alike. A submission that could not be run is recorded with no
points (``record_zero``), replacing any older record.
"""

from __future__ import annotations

import shutil
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

from nbgrader.api import Base, Gradebook, MissingEntry
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.exc import SAWarning

from .config import COURSE_ID

# What the course defines (assignments, their notebooks and cells) and who the students are;
# submissions and grades stay behind.
DEFINITION_TABLES = ("course", "student", "assignment", "notebook", "base_cell", "source_cell",
                     "grade_cells", "solution_cells", "task_cells")
GRADE_FIELDS = ("auto_score", "manual_score", "extra_credit", "needs_manual_grade")
COMMENT_FIELDS = ("auto_comment", "manual_comment")
STUDENT_FIELDS = ("first_name", "last_name", "email", "lms_user_id")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def write_template(main_url: str, path: Path) -> Path:
    """A SQLite gradebook at ``path`` with the course definition from ``main_url``."""
    path.unlink(missing_ok=True)
    source, target = create_engine(main_url), create_engine(sqlite_url(path))
    Base.metadata.create_all(bind=target)
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    with source.connect() as reading, target.begin() as writing:
        # nbgrader stamps a new gradebook with its schema version; this one has the main one's
        version = reading.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        writing.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        writing.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
        for name in DEFINITION_TABLES:
            table = tables[name]
            writing.execute(table.delete())
            rows = [dict(row._mapping) for row in reading.execute(select(table))]
            if rows:
                writing.execute(insert(table), rows)
    source.dispose()
    target.dispose()
    return path


def private_copy(template: Path, path: Path) -> str:
    """A fresh private gradebook for one grading run; returns its URL."""
    shutil.copyfile(template, path)
    return sqlite_url(path)


def merge_submission(main_url: str, private_url: str, student: str, assignment: str) -> None:
    """Replace the main gradebook's record of this submission with the private copy's."""
    # nbgrader's remove/add_submission trip SQLAlchemy's autoflush warnings; the rows are right.
    with warnings.catch_warnings(), Gradebook(private_url, COURSE_ID) as private, \
            Gradebook(main_url, COURSE_ID) as main:
        warnings.simplefilter("ignore", SAWarning)
        graded = private.find_submission(assignment, student)
        person = private.find_student(student)
        main.update_or_create_student(student, **{f: getattr(person, f) for f in STUDENT_FIELDS})
        try:
            main.remove_submission(assignment, student)
        except MissingEntry:
            pass
        main.add_submission(assignment, student, timestamp=graded.timestamp, extension=graded.extension)
        for notebook in graded.notebooks:
            target = main.find_submission_notebook(notebook.name, assignment, student)
            target.flagged = notebook.flagged
            target.late_submission_penalty = notebook.late_submission_penalty
            for grade in notebook.grades:
                copy_fields(grade, main.find_grade(grade.name, notebook.name, assignment, student), GRADE_FIELDS)
            for comment in notebook.comments:
                copy_fields(comment, main.find_comment(comment.name, notebook.name, assignment, student),
                            COMMENT_FIELDS)
        main.db.commit()


def copy_fields(source, target, fields) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


def record_zero(main_url: str, student: str, assignment: str) -> None:
    """Record the submission in the gradebook with no points, replacing an older record."""
    # nbgrader's remove/add_submission trip SQLAlchemy's autoflush warnings; the rows are right.
    with warnings.catch_warnings(), Gradebook(main_url, COURSE_ID) as gradebook:
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(student)
        try:
            gradebook.remove_submission(assignment, student)
        except MissingEntry:
            pass
        gradebook.add_submission(assignment, student)


def has_recorded_grade(main_url: str, student: str, assignment: str) -> bool:
    with Gradebook(main_url, COURSE_ID) as gradebook:
        try:
            gradebook.find_submission(assignment, student)
        except MissingEntry:
            return False
    return True


def write_due_dates(main_url: str, due: dict[str, datetime]) -> None:
    """Each assignment's due date (aware datetimes), and none for an assignment ``due`` leaves out."""
    with Gradebook(main_url, COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            moment = due.get(assignment.name)
            # nbgrader keeps UTC times without a zone
            assignment.duedate = moment.astimezone(timezone.utc).replace(tzinfo=None) if moment else None
        gradebook.db.commit()


def write_extension(url: str, student: str, assignment: str, extension: timedelta) -> None:
    """Move this student's due date for ``assignment`` by ``extension`` (before it is graded)."""
    with warnings.catch_warnings(), Gradebook(url, COURSE_ID) as gradebook:
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(student)
        try:
            gradebook.find_submission(assignment, student).extension = extension
        except MissingEntry:
            gradebook.add_submission(assignment, student, extension=extension)
        gradebook.db.commit()
