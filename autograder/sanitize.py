"""Two sanitize steps nbgrader's autograde lacks, run before a submission executes.

``DeduplicateIdsCleanly``: a learner who copies a locked cell makes two cells with one grade
id. nbgrader's DeduplicateIds keeps the last and empties the metadata of the others, which
then crashes OverwriteCells (``KeyError: 'grade_id'``) and fails the whole submission; this
one removes the emptied metadata, so the copies are plain cells.

``RestoreTestCellOrder``: test cells a learner moved go back to where the instructor put
them. nbgrader restores the code of an edited test cell, but runs it wherever it now stands: a
test cell dragged above its exercise runs before the function exists and scores 0, though
the answer is right. ``RestoreTestCellOrder`` (an autograde sanitize step, after
OverwriteCells) puts every misplaced test cell straight after the cell that precedes it in
the instructor's source. Cells already in order are not touched, so cells a learner added
between an exercise and its tests still run before the tests, as they did for the learner.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_test_cell(cell) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def restore_test_order(cells: list, source_order: list[str]) -> list:
    """``cells`` with each misplaced test cell moved after its predecessor in ``source_order``."""
    present = {grade_id(cell) for cell in cells if grade_id(cell)}
    order = [name for name in source_order if name in present]
    predecessor = {name: (order[i - 1] if i else None) for i, name in enumerate(order)}

    def in_place(index: int) -> bool:
        before = next((grade_id(c) for c in reversed(cells[:index]) if grade_id(c)), None)
        return before == predecessor.get(grade_id(cells[index]))

    misplaced = {grade_id(cell): cell for i, cell in enumerate(cells)
                 if is_test_cell(cell) and grade_id(cell) in predecessor and not in_place(i)}
    if not misplaced:
        return cells
    result = [cell for cell in cells if grade_id(cell) not in misplaced]
    for name in order:
        if name not in misplaced:
            continue
        anchor = predecessor[name]
        position = next((i + 1 for i, cell in enumerate(result) if grade_id(cell) == anchor), 0)
        result.insert(position, misplaced[name])
    return result


class RestoreTestCellOrder(NbGraderPreprocessor):
    """Move misplaced test cells back after their predecessor in the source notebook."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        source = (Path(coursedir.root) / coursedir.source_directory / info.get("assignment", "")
                  / f"{info.get('notebook', '')}.ipynb")
        if not source.is_file():
            self.log.warning("No source notebook at %s: test cells left where they are", source)
            return nb, resources
        source_order = [name for cell in nbformat.read(str(source), as_version=4).cells
                        if (name := grade_id(cell))]
        before = [grade_id(c) for c in nb.cells]
        nb.cells = restore_test_order(nb.cells, source_order)
        if [grade_id(c) for c in nb.cells] != before:
            self.log.warning("Test cells were out of place; moved back to where the source has them")
        return nb, resources


class DeduplicateIdsCleanly(DeduplicateIds):
    """nbgrader's DeduplicateIds, without the empty metadata that later steps trip over."""

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        for cell in nb.cells:
            if cell.get("metadata", {}).get("nbgrader", None) == {}:
                del cell.metadata["nbgrader"]
        return nb, resources
