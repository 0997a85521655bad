"""Running nbgrader's command-line tools from this Python environment.

nbgrader shells out to ``alembic`` and starts kernels by name, so its subprocess gets this
environment's bin directory first on PATH, not only ``python -m``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .config import COURSE_ROOT_VARIABLE
from .nbgrader_main import UNUSED_SLOW_IMPORTS  # noqa: F401  (the tests read it here)

BIN_DIR = Path(sys.executable).parent
# nbgrader's own entry point, less an import that costs 1.8 s a start (autograder.nbgrader_main)
NBGRADER_COMMAND = [sys.executable, "-m", "autograder.nbgrader_main"]
GRADING_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def nbgrader_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}"
    # nbgrader's own progress goes to stderr; keep Python warnings out of its log noise
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    # One math thread per grading kernel: submissions are graded side by side, and PyTorch's
    # OpenMP threads spin-wait when processes outnumber cores (measured: a 0.3 s training
    # loop took 30 s with two threads per kernel on a loaded 2-core machine).
    for variable in GRADING_THREAD_VARIABLES:
        env.setdefault(variable, "1")
    if extra:
        env.update(extra)
    return env


def run_nbgrader(args: list[str], course_root: Path, timeout: float | None = None,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` in ``course_root`` (where it finds nbgrader_config.py).

    Returns the completed process with stdout and stderr captured as text; never raises
    on a non-zero exit, so the caller can report what went wrong for one submission and
    carry on with the others.
    """
    command = NBGRADER_COMMAND
    try:
        return subprocess.run(
            command + args,
            cwd=course_root,
            # the sandbox hides the course being graded from learner code (autograder.sandbox)
            env=nbgrader_environment({COURSE_ROOT_VARIABLE: str(Path(course_root).resolve()), **(extra_env or {})}),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        return subprocess.CompletedProcess(
            command + args, returncode=124,
            stdout=_text(expired.stdout), stderr=_text(expired.stderr) +
            f"\nnbgrader did not finish within {timeout:.0f} s and was stopped",
        )


def _text(data) -> str:
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes) else data


# nbgrader's closing lines say only that something failed; the cause comes before them.
GENERIC_ERRORS = ("There was an error processing", "Please see the", "Traceback (most recent call last)")


def error_summary(process: subprocess.CompletedProcess) -> str:
    """The most telling line of a failed nbgrader run, for a one-line status."""
    lines = [line.strip() for line in (process.stderr or "").splitlines() if line.strip()]
    errors = [line.split("] ", 1)[-1] for line in lines if "| ERROR]" in line]
    specific = [line for line in errors if not line.startswith(GENERIC_ERRORS)]
    if specific:
        return specific[0][:300]
    exceptions = [line for line in lines if re.match(r"^[\w.]+(Error|Exception)\b", line)]
    if exceptions:
        return exceptions[-1][:300]
    return (lines[-1] if lines else f"nbgrader exited with code {process.returncode}")[:300]
