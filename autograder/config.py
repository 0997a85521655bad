"""The grader's settings in one place: the course id, where the repository and the gradebook
are, and every ``RNN_COURSE_*`` environment variable the grader reads or sets.

``nbgrader_config.py`` and every module of ``autograder`` take these from here; a variable
named anywhere else is a bug (a test enforces it), with one exception: ``system_packages.py``
runs with the system Python before the environment exists, so it repeats the two it reads.
(``helpers.settings`` owns the one variable a learner's notebook reads, the quick-run switch,
because the learner bundle ships without this package.)
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers.settings import QUICK_RUN_VARIABLE

# The nbgrader course id: the gradebook's course row, and every Gradebook opened on it.
COURSE_ID = "rnn-course"
# This repository: the course directory `make` grades, and what the sandbox hides.
REPO_ROOT = Path(__file__).resolve().parent.parent
GRADEBOOK_FILE = "gradebook.db"

# The gradebook's URL (default: a SQLite file in the course directory).
DB_URL_VARIABLE = "RNN_COURSE_DB_URL"
# The course directory being graded, set for nbgrader's process; hidden from kernels.
COURSE_ROOT_VARIABLE = "RNN_COURSE_ROOT"
# "0" turns the sandbox off (for debugging a grading run).
SANDBOX_VARIABLE = "RNN_COURSE_SANDBOX"
# Where bubblewrap is, if not on PATH.
BWRAP_VARIABLE = "RNN_COURSE_BWRAP"
# Per-kernel limits: RNN_COURSE_MEMORY_MB, RNN_COURSE_CPU_SECONDS, ... (see sandbox.Limits).
LIMIT_VARIABLE_PREFIX = "RNN_COURSE_"
# A file (outside the sandbox) where the executor notes crashes and timeouts for the status line.
EVENTS_VARIABLE = "RNN_COURSE_EVENTS_FILE"
# Developers working on one lesson: RNN_COURSE_GRADE_ONLY=<lesson id>[,<lesson id>] grades only
# those in the test suite's grading proof.
GRADE_ONLY_VARIABLE = "RNN_COURSE_GRADE_ONLY"
# System packages a machine cannot have (RNN_COURSE_WITHOUT_SYSTEM=bubblewrap): their tests skip.
WITHOUT_SYSTEM_VARIABLE = "RNN_COURSE_WITHOUT_SYSTEM"
# Tests of system_packages.py: behave as a user without root or sudo would.
PRETEND_NOT_ROOT_VARIABLE = "RNN_COURSE_PRETEND_NOT_ROOT"

__all__ = ["COURSE_ID", "REPO_ROOT", "GRADEBOOK_FILE", "DB_URL_VARIABLE", "COURSE_ROOT_VARIABLE",
           "SANDBOX_VARIABLE", "BWRAP_VARIABLE", "LIMIT_VARIABLE_PREFIX", "EVENTS_VARIABLE",
           "GRADE_ONLY_VARIABLE", "WITHOUT_SYSTEM_VARIABLE", "PRETEND_NOT_ROOT_VARIABLE", "QUICK_RUN_VARIABLE",
           "db_url"]


def db_url(course_root: Path | str) -> str:
    """The gradebook of the course in ``course_root``: RNN_COURSE_DB_URL, or its SQLite file."""
    return os.environ.get(DB_URL_VARIABLE, "sqlite:///" + str(Path(course_root) / GRADEBOOK_FILE))
