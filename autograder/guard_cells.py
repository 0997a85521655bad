"""The nbgrader preprocessor that puts autograder.guard into the notebook being autograded,
and the names it trusts: derived from the imports of the instructor's own notebook."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell
from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from .guard import RESTORE_LINE, snapshot_cell

Trusted = dict[str, tuple[str, "str | None"]]


def python_source(cell_source: str) -> str:
    """A cell's code with IPython's magics and shell escapes blanked, so ``ast`` can read it."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell_source.splitlines())


def _module_level(statements):
    """Top-level statements, including those inside module-level if/try/with blocks (not functions)."""
    for statement in statements:
        yield statement
        for block in ("body", "orelse", "finalbody", "handlers"):
            if isinstance(statement, (ast.If, ast.Try, ast.With, ast.ExceptHandler)):
                yield from _module_level(getattr(statement, block, []))


def imported_names(code: str) -> Trusted:
    """{name bound by a module-level import: (module, attribute or None)} in one cell's code.

    ``import numpy as np`` -> np: (numpy, None); ``import torch.nn`` -> torch: (torch, None);
    ``from helpers.checks import check as c`` -> c: (helpers.checks, check).
    """
    names: Trusted = {}
    for node in _module_level(ast.parse(python_source(code)).body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = (alias.name, None)
                else:
                    root = alias.name.split(".")[0]
                    names[root] = (root, None)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if alias.name != "*":
                    names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def read_names(code: str) -> set[str]:
    """Every name the code reads (loads), wherever it is bound."""
    return {node.id for node in ast.walk(ast.parse(python_source(code)))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def trusted_names(source_notebook) -> Trusted:
    """The names the instructor's test cells read that the notebook binds by an import
    (outside the solution cells), with where each comes from."""
    imported: Trusted = {}
    read_by_tests: set[str] = set()
    for cell in source_notebook.cells:
        if cell.cell_type == "code" and not utils.is_solution(cell):
            imported.update(imported_names(cell.source))
            if utils.is_grade(cell):
                read_by_tests |= read_names(cell.source)
    return {name: origin for name, origin in imported.items() if name in read_by_tests}


def source_notebook(config, resources) -> Path:
    """The instructor's source of the notebook nbgrader is processing (``resources`` of a preprocessor)."""
    coursedir = CourseDirectory(config=config)
    assignment = resources["nbgrader"]["assignment"]
    folder = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    return folder / f"{resources['nbgrader']['notebook']}.ipynb"


def exercise_names(source_notebook) -> set[str]:
    """The names of the exercises: the grade ids of the solution cells (the course's rule)."""
    return {cell.metadata["nbgrader"]["grade_id"] for cell in source_notebook.cells if utils.is_solution(cell)}


class GuardTests(NbGraderPreprocessor):
    """First cell: snapshot the tests' tools. Every test cell: restore them first.

    Runs after OverwriteCells (the test cells are the instructor's again), before Execute.
    The trusted names come from the instructor's source notebook, never from the submission:
    a learner can edit the notebook's (unlocked) import cells.
    """

    def preprocess(self, nb, resources):
        trusted = trusted_names(nbformat.read(str(source_notebook(self.config, resources)), as_version=4))
        for cell in nb.cells:
            if cell.cell_type == "code" and utils.is_grade(cell):
                cell.source = f"{RESTORE_LINE}\n{cell.source}"
        nb.cells.insert(0, new_code_cell(snapshot_cell(trusted)))
        return nb, resources
