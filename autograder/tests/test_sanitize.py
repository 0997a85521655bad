"""The sanitize steps of autograder.sanitize, on small hand-made cell lists."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.sanitize import DeduplicateIdsCleanly, grade_id, restore_test_order

SOURCE_ORDER = ["f", "f_visible", "f_hidden", "g", "g_visible"]


def _cell(name, solution=False, grade=True):
    meta = {"nbgrader": {"grade_id": name, "solution": solution, "grade": grade and not solution,
                         "locked": not solution, "points": 0 if solution else 1}}
    return new_code_cell(f"# {name}", metadata=meta)


def _cells():
    return [new_markdown_cell("intro"), _cell("f", solution=True), _cell("f_visible"), _cell("f_hidden"),
            new_markdown_cell("next"), _cell("g", solution=True), _cell("g_visible")]


def _names(cells):
    return [grade_id(c) or c.source for c in cells]


def test_cells_in_order_are_not_touched():
    cells = _cells()
    mine = new_code_cell("helper = 1")  # a learner's cell between an exercise and its tests
    cells.insert(2, mine)
    assert restore_test_order(cells, SOURCE_ORDER) is cells


def test_a_test_cell_moved_to_the_top_goes_back_after_its_exercise():
    cells = _cells()
    moved = cells.pop(2)
    cells.insert(0, moved)
    assert _names(restore_test_order(cells, SOURCE_ORDER)) == _names(_cells())


def test_tests_moved_below_the_next_exercise_come_back_in_order():
    cells = _cells()
    visible, hidden = cells.pop(2), cells.pop(2)
    cells += [hidden, visible]
    assert _names(restore_test_order(cells, SOURCE_ORDER)) == _names(_cells())


def test_copies_of_a_locked_cell_become_plain_cells_and_the_last_keeps_the_id():
    notebook = new_notebook(cells=[_cell("f", solution=True), _cell("f_visible"), _cell("f_visible")])
    notebook.cells[1].source = "pass  # an emptied copy"
    notebook, _ = DeduplicateIdsCleanly().preprocess(notebook, {})
    assert "nbgrader" not in notebook.cells[1].metadata
    assert grade_id(notebook.cells[2]) == "f_visible"
