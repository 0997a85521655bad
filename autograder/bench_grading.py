"""The grading half of ``make bench``: what autograding costs, and how it scales with workers.

- ``full_course_submission``: one learner's whole course (every lesson's solution) autograded
  (sandbox, hidden tests, feedback-ready gradebook), lesson by lesson, against the seconds the
  same notebooks take to run plainly (measured by ``bench.time_notebook``).
- ``throughput``: a synthetic class of 40 submissions of the lesson whose proof file has the
  ``throughput`` role (right, untouched and wrong answers mixed) autograded with 1, 2 and 4
  workers, each in a fresh scratch course.

Every run happens in a scratch course under a temporary folder: the real gradebook is never
touched.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .course import Course, scratch_course
from .grading import autograde_all
from .proof import THROUGHPUT, lesson_with_role, load_proof
from .release import build_release
from .results import GRADED
from .submissions import apply_edit, filled_submission, lesson_answers, read_notebook, write_submission

CLASS_SIZE = 40
# A full-course submission graded in at most this many times its plain execution.
GRADING_OVERHEAD_TARGET = 1.3
WORKER_COUNTS = (1, 2, 4)


def full_course_submission(template: Course, plain_seconds: dict[str, float]) -> dict:
    """Autograde one solution submission of every lesson; seconds per lesson vs plain runs."""
    with tempfile.TemporaryDirectory(prefix="rnn-course-bench-") as folder:
        course = scratch_course(Path(folder) / "course", template)
        build_release(course)
        for assignment in course.assignment_ids():
            write_submission(course, "learner", assignment)
        lessons = {}
        for assignment in course.assignment_ids():
            started = time.perf_counter()
            [result] = autograde_all(course, students=["learner"], assignments=[assignment], progress=False)
            seconds = time.perf_counter() - started
            channel = channel_cost(course, assignment)
            lessons[assignment] = {"autograde_seconds": round(seconds, 2),
                                   "plain_seconds": plain_seconds.get(assignment),
                                   "graded": result.status == GRADED, **channel}
            cost = (f"   trusted verdict: {channel['requests']} calls, {channel['ms_per_call']:.2f} ms each"
                    if channel else "")
            print(f"  autograde {assignment:<22s} {seconds:6.1f} s   plain run "
                  f"{plain_seconds.get(assignment, float('nan')):6.1f} s   {result.status}{cost}")
    total = sum(v["autograde_seconds"] for v in lessons.values())
    plain = sum(v["plain_seconds"] or 0.0 for v in lessons.values())
    if plain:
        verdict = "ok" if total <= GRADING_OVERHEAD_TARGET * plain else "MISSED"
        print(f"  one full-course submission: autograde {total:.0f} s, plain execution {plain:.0f} s "
              f"(x{total / plain:.2f}; target x{GRADING_OVERHEAD_TARGET}) {verdict}")
    else:
        print(f"  one full-course submission: {total:.0f} s")
    return {"lessons": lessons, "autograde_seconds": round(total, 1), "plain_seconds": round(plain, 1),
            "target_ratio": GRADING_OVERHEAD_TARGET}


def channel_cost(course: Course, assignment: str, student: str = "learner") -> dict:
    """Calls through the trusted verdict's channel while grading, and their cost ({} without it)."""
    path = course.autograded / student / assignment / f"{assignment}.ipynb"
    try:
        record = read_notebook(path).metadata.get("rnn_course", {}).get("trusted_verdict")
    except OSError:
        return {}
    if not record or not record.get("requests"):
        return {}
    return {"requests": record["requests"], "channel_seconds": record["channel_seconds"],
            "ms_per_call": round(1000 * record["channel_seconds"] / record["requests"], 3)}


def synthetic_class(course: Course, assignment: str, size: int = CLASS_SIZE) -> None:
    """``size`` submissions: solutions, untouched releases and each wrong answer, in turn."""
    release, answers = lesson_answers(course, assignment)
    kinds = [filled_submission(release, answers), release,
             *[filled_submission(release, apply_edit(answers, edit))
               for edit in load_proof(course, assignment).wrong_answers]]
    for number in range(size):
        write_submission(course, f"learner{number:03d}", assignment, kinds[number % len(kinds)])


def throughput(template: Course, worker_counts=WORKER_COUNTS, size: int = CLASS_SIZE) -> dict:
    """Seconds and submissions per minute to grade the synthetic class with each worker count."""
    lesson = lesson_with_role(template, THROUGHPUT)
    runs = {}
    for workers in worker_counts:
        with tempfile.TemporaryDirectory(prefix="rnn-course-bench-") as folder:
            course = scratch_course(Path(folder) / "course", template)
            build_release(course, [lesson])
            synthetic_class(course, lesson, size)
            started = time.perf_counter()
            results = autograde_all(course, progress=False, workers=workers)
            seconds = time.perf_counter() - started
        graded = sum(r.status == GRADED for r in results)
        runs[str(workers)] = {"seconds": round(seconds, 1), "submissions": len(results), "graded": graded,
                              "per_minute": round(60 * len(results) / seconds, 1)}
        print(f"  {len(results)} submissions of {lesson}, {workers} worker(s): {seconds:6.1f} s "
              f"({60 * len(results) / seconds:.1f} per minute), {graded} graded")
    return {"lesson": lesson, "cpus": os.cpu_count(), "runs": runs}
