"""nbgrader starts once per graded submission: it must not pay for a parser it never uses."""

from __future__ import annotations

import subprocess

import pytest

from autograder.course import repo_course
from autograder.nbgrader_cli import NBGRADER_COMMAND, UNUSED_SLOW_IMPORTS, nbgrader_environment, run_nbgrader


def imported_modules(command: list[str]) -> set[str]:
    """Every module ``command`` (a Python command line) imports, from ``-X importtime``."""
    python, *rest = command
    process = subprocess.run([python, "-X", "importtime", *rest, "--version"], capture_output=True, text=True,
                             env=nbgrader_environment(), check=True)
    return {line.rsplit("|", 1)[-1].strip() for line in process.stderr.splitlines() if line.startswith("import time:")}


def loaded_packages(modules: set[str]) -> set[str]:
    """Which of the unused slow packages ran their code: a package that loads imports its submodules
    (a blocked one is still listed by -X importtime, as an import that failed at once)."""
    return {name for name in UNUSED_SLOW_IMPORTS if any(m.startswith(f"{name}.") for m in modules)}


def test_nbgrader_starts_without_the_unused_slow_imports():
    modules = imported_modules(NBGRADER_COMMAND)
    assert "nbformat" in modules and "jsonschema" in modules, "the check must see nbgrader's imports at all"
    assert loaded_packages(modules) == set()


@pytest.mark.slow  # starts plain nbgrader, with the slow imports (4 s)
def test_plain_nbgrader_would_load_them():
    """The defect the test above guards against: started plainly, nbgrader pays for them."""
    assert loaded_packages(imported_modules([NBGRADER_COMMAND[0], "-m", "nbgrader"])) == set(UNUSED_SLOW_IMPORTS)


def test_nbgrader_still_runs_and_names_its_version():
    process = run_nbgrader(["--version"], repo_course().root)
    assert process.returncode == 0, process.stderr
    assert "nbgrader version" in process.stdout
