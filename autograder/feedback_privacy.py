"""Feedback that says which hidden tests failed and why, without showing their code.

nbgrader's feedback HTML is the autograded notebook as is, so the hidden tests' code, and
the lines of it that tracebacks quote, would reach every learner. ``HideHiddenTests`` runs
in ``nbgrader generate_feedback`` (set in nbgrader_config.py): it cuts each hidden region
out of its test cell, as the release does, leaves the comment above it that says what the
hidden tests check, and shortens the cell's error to its one-line message, such as
"CheckFailed: gru_step_forward vs torch.nn.GRU (N=3, D=4, H=5) is not close ...".
It also takes out what the grading added to the learner's notebook (autograder/guard.py): the
first cell, which snapshots the tests' tools, and the line that restores them at the top of
each test cell. The learner reads their own notebook, and the verdicts.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearHiddenTests

from .guard import RESTORE_LINE, SNAPSHOT_HEADER

PLACEHOLDER = "# (The hidden tests ran here; their code is not shown. Their result is below.)"


class HideHiddenTests(ClearHiddenTests):
    """ClearHiddenTests for feedback: the code goes, the verdict and its reason stay."""

    def preprocess(self, nb, resources):
        nb.cells = [cell for cell in nb.cells if not cell.source.startswith(SNAPSHOT_HEADER)]
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.startswith(RESTORE_LINE):
                cell.source = cell.source[len(RESTORE_LINE):].lstrip("\n")
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        had_hidden = cell.cell_type == "code" and self.begin_test_delimeter in cell.source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if had_hidden:
            cell.source = f"{cell.source.rstrip()}\n{PLACEHOLDER}".lstrip()
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
