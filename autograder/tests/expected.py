"""What a grade must be, read from the lesson's source notebook (never from the gradebook under test)."""

from autograder.course import Course
from autograder.submissions import nbgrader_meta, read_notebook


def lesson_points(course: Course, assignment: str) -> float:
    """Full marks for ``assignment``: the points of every graded cell of its source notebook.

    A gradebook that recorded no test cells (max_score 0) or the wrong ones fails against this,
    where ``max_score > 0`` would pass the first and ``score == max_score`` the second.
    """
    notebook = read_notebook(course.source_notebook(assignment))
    points = sum(float(nbgrader_meta(cell).get("points", 0)) for cell in notebook.cells
                 if nbgrader_meta(cell).get("grade"))
    assert points > 0, f"{assignment}: its source notebook has no graded cells"  # the precondition
    return points
