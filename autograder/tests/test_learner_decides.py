"""Every lesson asks the learner to decide or write something every few cells.

A lesson that makes the learner press Run through long stretches teaches less than one that
asks them to commit first. The limit (issue 15): no stretch of more than four code cells or
about 500 words of text without a cell where the learner writes code (an exercise) or commits
to a prediction (``my_... = None``, checked later by ``check_choice`` or ``check_number``).
The lesson's closing summary is not a stretch: there is nothing left to try.
"""

import re

import pytest

from autograder.course import repo_course
from autograder.submissions import nbgrader_meta, read_notebook

COURSE = repo_course()
MOST_CODE_CELLS = 4
MOST_WORDS = 550          # "about 500": a heading or a caption's worth of slack
PREDICTION = re.compile(r"^(my_\w+)\s*=\s*None\b", re.MULTILINE)
CLOSING_SECTION = re.compile(r"^##\s+(Summary|What's next|Where next)", re.MULTILINE | re.IGNORECASE)
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)


def _words(markdown: str) -> int:
    """Words a learner reads: an equation counts as one."""
    return len(MATH.sub(" x ", markdown).split())


def _asks_the_learner(cell) -> bool:
    return (cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))) or \
        bool(PREDICTION.search(cell.source))


def run_only_stretches(cells) -> list[tuple[int, int, int, int]]:
    """(first cell, last cell, code cells, words) of each stretch over the limit."""
    too_long, first, code, words = [], 0, 0, 0
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and CLOSING_SECTION.search(cell.source):
            break
        if _asks_the_learner(cell):
            if code > MOST_CODE_CELLS or words > MOST_WORDS:
                too_long.append((first, index - 1, code, words))
            first, code, words = index + 1, 0, 0
        elif cell.cell_type == "code":
            code += 1
        else:
            words += _words(cell.source)
    if code > MOST_CODE_CELLS or words > MOST_WORDS:
        too_long.append((first, index, code, words))
    return too_long


@pytest.mark.parametrize("assignment", COURSE.assignment_ids())
def test_no_long_stretch_without_something_to_decide(assignment):
    cells = read_notebook(COURSE.source_notebook(assignment)).cells
    assert run_only_stretches(cells) == [], (
        f"{assignment}: cells (first, last, code cells, words) ask the learner only to press Run; "
        f"add a prediction or an exercise inside each")


@pytest.mark.parametrize("assignment", COURSE.assignment_ids())
def test_every_prediction_is_checked_after_it_is_asked(assignment):
    cells = read_notebook(COURSE.source_notebook(assignment)).cells
    for index, cell in enumerate(cells):
        for name in PREDICTION.findall(cell.source):
            later = "\n".join(c.source for c in cells[index + 1:] if c.cell_type == "code")
            assert re.search(rf"check_(choice|number)\(\s*\"{name}\",\s*{name}\b", later), \
                f"{assignment}: {name} is asked in cell {index} but never checked after it"


def _notebook(*cells):
    import nbformat
    return [nbformat.v4.new_markdown_cell(s[3:]) if s.startswith("md:") else nbformat.v4.new_code_cell(s)
            for s in cells]


def test_a_long_run_only_stretch_is_found_and_a_prediction_ends_it():
    five_runs = ["print(1)"] * 5
    assert run_only_stretches(_notebook(*five_runs)) == [(0, 4, 5, 0)]
    split = _notebook(*five_runs[:3], "my_guess = None   # a number", *five_runs[:3])
    assert run_only_stretches(split) == []
    long_text = _notebook("md:" + "word " * 600, "print(1)")
    assert run_only_stretches(long_text) == [(0, 1, 1, 600)]
    assert run_only_stretches(_notebook("md:## Summary\n" + "word " * 600)) == []
    assert _words("a $x^2 + y^2$ b $$\\sum_t h_t$$ c") == 5
