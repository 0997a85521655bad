"""The nbgrader preprocessor that puts autograder.guard into the notebook being autograded."""

from __future__ import annotations

from nbformat.v4 import new_code_cell
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from .guard import RESTORE_LINE, SNAPSHOT_CELL


class GuardTests(NbGraderPreprocessor):
    """First cell: snapshot the tests' tools. Every test cell: restore them first.

    Runs after OverwriteCells (the test cells are the instructor's again), before Execute.
    """

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code" and utils.is_grade(cell):
                cell.source = f"{RESTORE_LINE}\n{cell.source}"
        nb.cells.insert(0, new_code_cell(SNAPSHOT_CELL))
        return nb, resources
