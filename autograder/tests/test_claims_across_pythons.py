"""The lessons' sentences hold on another Python minor version than the suite's own.

Lessons 02, 03 and 06 read their corpora from the running interpreter's standard library, so
what their text says about those corpora (and every number computed from them) depends on the
Python version. Each sentence that could change is either computed and printed by the notebook
or checked right after the computing cell with ``helpers.claims.claim``, which raises when it
does not hold. The grading proof runs every notebook under the suite's own interpreter; this
test runs every solution notebook (short training, as the grading proof does) under a second
minor version, in a virtual environment of its own with the same pins, and requires that no
cell fails: no claim, no graded test, nothing.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder.config import QUICK_RUN_VARIABLE, REPO_ROOT
from autograder.course import repo_course

from .needs_system import in_ci

pytestmark = pytest.mark.slow
# Minor versions tried, in order, besides the suite's own; the first one found is used.
OTHER_VERSIONS = ("3.12", "3.13", "3.11")
VENVS = REPO_ROOT / ".venv-claims"
NOTEBOOK_TIMEOUT_SECONDS = 900


def find_python(version: str) -> str | None:
    """``python<version>`` installed by pyenv, or on PATH.

    pyenv's shims are skipped: a shim for a version that is installed but not selected exits
    with "command not found" instead of running it.
    """
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}"))
    if candidates:
        return candidates[-1]
    found = shutil.which(f"python{version}")
    return found if found and "/shims/" not in found else None


def other_python() -> tuple[str, str] | None:
    """(minor version, interpreter) of an installed Python other than the one running the suite."""
    own = f"{sys.version_info.major}.{sys.version_info.minor}"
    for version in OTHER_VERSIONS:
        if version != own and (interpreter := find_python(version)):
            return version, interpreter
    return None


def environment_for(version: str, interpreter: str) -> Path:
    """A virtual environment for ``interpreter`` with the pinned requirements (reused while they match)."""
    venv = VENVS / version
    pins = hashlib.sha256((REPO_ROOT / "requirements.txt").read_bytes()).hexdigest()
    stamp = venv / ".installed"
    if stamp.is_file() and stamp.read_text() == pins:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REPO_ROOT / "requirements.txt")], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(REPO_ROOT)], check=True)
    stamp.write_text(pins)
    return venv


@pytest.fixture(scope="module")
def other_environment():
    found = other_python()
    if found is None:
        reason = f"no Python {' or '.join(OTHER_VERSIONS)} besides this one is installed (pyenv or PATH)"
        if in_ci():
            pytest.fail(f"{reason} [CI=true: the claims must be run on two minor versions]", pytrace=False)
        pytest.skip(reason)
    version, interpreter = found
    return version, environment_for(version, interpreter)


def run_notebook(venv: Path, notebook: Path, output_dir: Path) -> subprocess.CompletedProcess:
    """Execute ``notebook`` top to bottom in a kernel of ``venv``'s Python; stop at the first error."""
    environment = {**os.environ, QUICK_RUN_VARIABLE: "1", "MPLBACKEND": "Agg"}
    return subprocess.run(
        [str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         f"--ExecutePreprocessor.timeout={NOTEBOOK_TIMEOUT_SECONDS}", "--output-dir", str(output_dir),
         notebook.name],
        cwd=notebook.parent, env=environment, capture_output=True, text=True)


def test_every_notebook_runs_and_its_claims_hold_on_another_python(other_environment, tmp_path):
    version, venv = other_environment
    course = repo_course()
    notebooks = [course.source_notebook(lesson) for lesson in course.assignment_ids()]
    # two at a time: one per core
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(notebooks, pool.map(lambda path: run_notebook(venv, path, tmp_path), notebooks)))
    failed = {path.parent.name: run.stderr.strip().splitlines()[-3:] for path, run in runs.items()
              if run.returncode != 0}
    assert not failed, f"under Python {version}: {failed}"
    # and the kernels really were the other interpreter's
    ran_under = {path.parent.name: nbformat.read(str(tmp_path / path.name), as_version=4).metadata
                 .language_info.version for path in notebooks}
    assert all(found.startswith(f"{version}.") for found in ran_under.values()), ran_under
