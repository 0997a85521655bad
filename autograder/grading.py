"""Autograding submissions with nbgrader, several at a time, one status line each.

Before nbgrader sees a submission, it is checked: a missing notebook or one that is not a
readable notebook is not run; the submission is recorded in the gradebook with 0 points and
the reason is kept beside it. nbgrader's own failures for one submission are caught and
reported the same way, so every other submission is still graded.

Each submission is graded against a private copy of the gradebook (``gradebook``), in
a worker thread that runs ``nbgrader autograde``; this process records the finished ones in
the course gradebook, one at a time, so there is a single writer however many workers run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm.auto import tqdm

from . import gradebook
from .config import DB_URL_VARIABLE, EVENTS_VARIABLE
from .course import Course
from .deadlines import LatePolicy, load_policy
from .nbgrader_cli import error_summary, run_nbgrader
from .results import FAILED, GRADED, REJECTED, GradingResult, Status, load_result, save_result  # noqa: F401
from .sandbox import sandbox_summary
from .submitted import submission_fingerprint, submission_problem
from .translations import LANGUAGE_VARIABLE, submission_language

# Generous for a whole notebook: each cell also has its own limit (Execute.timeout).
SUBMISSION_TIMEOUT_SECONDS = 900


def already_graded(course: Course, student: str, assignment: str) -> GradingResult | None:
    """The saved result, if this exact submission was graded or rejected before (not failed)."""
    saved = load_result(course, student, assignment)
    if saved and saved.status in (GRADED, REJECTED) and saved.fingerprint == submission_fingerprint(
            course, student, assignment):
        return saved
    return None


def record_zero(course: Course, student: str, assignment: str) -> None:
    """A zero in the gradebook, and no autograded notebook or feedback left from an older run."""
    gradebook.record_zero(course.db_url, student, assignment)
    shutil.rmtree(course.autograded / student / assignment, ignore_errors=True)
    shutil.rmtree(course.feedback / student / assignment, ignore_errors=True)


@dataclass
class Run:
    """One submission graded into its own private gradebook, not yet recorded."""

    result: GradingResult
    private_db: Path | None = None


def grade_privately(course: Course, student: str, assignment: str, template: Path, scratch: Path,
                    nbgrader_args: tuple[str, ...] = (), policy: LatePolicy | None = None) -> Run:
    """Check and autograde one submission against a private gradebook (no shared writes).

    Safe to run in several threads at once: each run has its own gradebook, its own events
    file and its own autograded/<student>/<assignment> folder.
    """
    started = time.monotonic()
    fingerprint = submission_fingerprint(course, student, assignment)
    problem = submission_problem(course, student, assignment)
    private_db = None
    if problem:
        result = GradingResult(student, assignment, REJECTED, f"{problem} - scored 0")
    else:
        stem = scratch / f"{student}--{assignment}"
        private_db, events = stem.with_suffix(".db"), stem.with_suffix(".events")
        events.unlink(missing_ok=True)
        private_url = gradebook.private_copy(template, private_db)
        extension = policy.extension(student, assignment) if policy else None
        if extension is not None:  # nbgrader reads it from the submission's record when it grades
            gradebook.write_extension(private_url, student, assignment, extension)
        # A translated submission is graded by the same tests; only the messages a learner
        # reads in the feedback (helpers.checks, helpers.predictions) follow its language.
        language = submission_language(course.submission_dir(student, assignment)) or ""
        process = run_nbgrader(
            ["autograde", assignment, "--student", student, "--force", *nbgrader_args],
            course.root, timeout=SUBMISSION_TIMEOUT_SECONDS,
            extra_env={DB_URL_VARIABLE: private_url, EVENTS_VARIABLE: str(events), LANGUAGE_VARIABLE: language},
        )
        notes = "; ".join(read_events(events))
        if process.returncode == 0:
            message = "autograded, hidden tests included" + (f"; {notes}" if notes else "")
            result = GradingResult(student, assignment, GRADED, message, notes=notes)
        else:
            private_db = None
            why = error_summary(process) + (f" ({notes})" if notes else "")
            result = GradingResult(student, assignment, FAILED, f"nbgrader could not grade it: {why}")
    result.seconds = round(time.monotonic() - started, 2)
    result.fingerprint = fingerprint
    return Run(result, private_db)


def read_events(path: Path) -> list[str]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError):
        return []


def record(course: Course, run: Run) -> GradingResult:
    """Write one finished run into the course gradebook (the only writer) and save its status."""
    result = run.result
    if result.status == GRADED:
        gradebook.merge_submission(course.db_url, gradebook.sqlite_url(run.private_db),
                                   result.student, result.assignment)
    elif result.status == REJECTED:
        record_zero(course, result.student, result.assignment)
    elif gradebook.has_recorded_grade(course.db_url, result.student, result.assignment):
        result.message += "; the grade recorded before is kept"
    else:
        record_zero(course, result.student, result.assignment)
        result.message += "; recorded as 0"
    if run.private_db:
        run.private_db.unlink(missing_ok=True)
    save_result(course, result)
    return result


def autograde_submission(course: Course, student: str, assignment: str,
                         nbgrader_args: tuple[str, ...] = ()) -> GradingResult:
    """Autograde one submission (hidden tests included), record it and save its status line."""
    with tempfile.TemporaryDirectory(prefix="rnn-course-grading-") as scratch:
        template = gradebook.write_template(course.db_url, Path(scratch) / "template.db")
        return record(course, grade_privately(course, student, assignment, template, Path(scratch),
                                              nbgrader_args))


def submissions_to_grade(course: Course, students=None, assignments=None) -> list[tuple[str, str]]:
    """(student, assignment) for every submission folder under submitted/."""
    known = set(course.assignment_ids())
    wanted_students = students or course.student_ids()
    pairs = []
    for student in wanted_students:
        folder = course.submitted / student
        if not folder.is_dir():
            continue
        for assignment in sorted(p.name for p in folder.iterdir() if p.is_dir()):
            if assignment in known and (not assignments or assignment in assignments):
                pairs.append((student, assignment))
    return pairs


def autograde_all(course: Course, students=None, assignments=None,
                  nbgrader_args: tuple[str, ...] = (), progress: bool = True,
                  resume: bool = False, workers: int = 1,
                  args_for: dict[str, tuple[str, ...]] | None = None) -> list[GradingResult]:
    """Autograde every submission (or the chosen ones), printing one line per submission.

    ``workers`` submissions are graded at once, each against a private gradebook; this
    process alone writes the course gradebook, as each one finishes. With ``resume``, a
    submission whose files are unchanged since it was last graded (or rejected) keeps its
    grade and is not run again: an interrupted run picks up where it stopped, and running it
    twice changes nothing. Failed submissions are always retried. ``args_for`` adds nbgrader
    arguments for some students (the grading proof grades one with a short cell limit).
    """
    pairs = submissions_to_grade(course, students, assignments)
    # deadlines.toml (read first: a mistake in it stops the run before anything is graded)
    policy = load_policy(course.root, course.assignment_ids())
    results: dict[tuple[str, str], GradingResult] = {}
    # disable=None: a live bar on a terminal, none in a log file (the lines still print)
    bar = tqdm(total=len(pairs), desc="autograding", unit="submission", disable=None if progress else True)

    def finished(result: GradingResult) -> None:
        results[(result.student, result.assignment)] = result
        bar.update()
        if progress:
            bar.write(result.line())

    to_run = []
    for student, assignment in pairs:
        kept = already_graded(course, student, assignment) if resume else None
        if kept:
            finished(replace(kept, seconds=0.0, message=f"{kept.message} (unchanged since graded; kept)"))
        else:
            to_run.append((student, assignment))
    if to_run and progress:
        bar.write(sandbox_summary())
    with bar, tempfile.TemporaryDirectory(prefix="rnn-course-grading-") as scratch:
        if to_run:
            gradebook.write_due_dates(course.db_url, policy.due)
        template = gradebook.write_template(course.db_url, Path(scratch) / "template.db") if to_run else None
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            running = [pool.submit(grade_privately, course, student, assignment, template, Path(scratch),
                                   nbgrader_args + (args_for or {}).get(student, ()), policy)
                       for student, assignment in to_run]
            for future in as_completed(running):
                finished(record(course, future.result()))
    return [results[pair] for pair in pairs]
