"""The guard trusts the names the instructor's notebooks import, and the tests read no others.

Every name a test cell reads from the notebook is the learner's answer (an exercise), a
builtin, a name the cell binds itself, or a name the guard restores before the cell runs.
A test cell that read anything else (a helper imported in a way the derivation misses, a
function defined in an unlocked cell) could be swapped by learner code.
"""

from __future__ import annotations

import builtins

import pytest

from autograder.course import repo_course
from autograder.guard_cells import imported_names, trusted_names
from autograder.submissions import nbgrader_meta, read_notebook
from autograder.trusted_cells import free_names

COURSE = repo_course()
LESSONS = COURSE.assignment_ids()


def test_imports_are_read_in_every_form_a_notebook_writes_them():
    code = ("%matplotlib inline\nimport numpy as np\nimport torch.nn\nimport torch.nn.functional as F\n"
            "from helpers.checks import (assert_close,\n    check as verify)\n"
            "try:\n    from helpers.words import nearest\nexcept ImportError:\n    pass\n"
            "def later():\n    from os import path\n")
    assert imported_names(code) == {
        "np": ("numpy", None), "torch": ("torch", None), "F": ("torch.nn.functional", None),
        "assert_close": ("helpers.checks", "assert_close"), "verify": ("helpers.checks", "check"),
        "nearest": ("helpers.words", "nearest"),
    }  # `path`, imported inside a function, is no global of the notebook


def test_free_names_are_what_a_cell_reads_and_does_not_bind():
    assert free_names("x = np.ones(3)\nfor i in range(2):\n    check(x[i] == 1, f'{i}')\n") == {"np", "check", "range"}


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_name_a_test_cell_reads_is_restored_by_the_guard_or_the_learners(lesson):
    source = read_notebook(COURSE.source_notebook(lesson))
    trusted = trusted_names(source)
    exercises = {nbgrader_meta(c)["grade_id"] for c in source.cells if nbgrader_meta(c).get("solution")}
    unguarded = {}
    for cell in source.cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("grade"):
            names = free_names(cell.source) - trusted.keys() - exercises - set(dir(builtins))
            if names:
                unguarded[nbgrader_meta(cell)["grade_id"]] = sorted(names)
    assert not unguarded, (f"test cells read names the guard does not restore (import them in the "
                           f"notebook, or bind them in the test cell): {unguarded}")
