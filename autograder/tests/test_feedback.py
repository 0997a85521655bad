"""Feedback tells a learner which hidden tests failed and why, and never shows their code."""

import html
import re

from autograder.course import repo_course
from autograder.proof import load_proof
from autograder.report import generate_feedback
from autograder.submissions import nbgrader_meta, read_notebook

from .conftest import graded_assignments

ASSIGNMENT = graded_assignments()[0]


def _hidden_code_lines(notebook, exercise):
    for cell in notebook.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and meta.get("grade_id") == f"{exercise}_hidden":
            body = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]
            return [line.strip() for line in body.splitlines() if len(line.strip()) > 25]
    raise AssertionError(f"no hidden test cell for {exercise}")


def _hidden_cell_errors(notebook, exercise):
    """The error outputs of ``exercise``'s hidden test cell."""
    for cell in notebook.cells:
        if nbgrader_meta(cell).get("grade_id") == f"{exercise}_hidden":
            return [output for output in cell.get("outputs", []) if output.output_type == "error"]
    raise AssertionError(f"no hidden test cell for {exercise}")


def test_feedback_names_the_failed_hidden_tests_without_their_code(graded_class):
    edit = load_proof(repo_course(), ASSIGNMENT).wrong_answers[0]
    course = graded_class.course(ASSIGNMENT)
    result = graded_class.result(edit.name, ASSIGNMENT)
    assert generate_feedback(course, [result]) == []
    page = (course.feedback / edit.name / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))

    autograded = "\n".join(cell.source for cell in read_notebook(
        course.autograded / edit.name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").cells)
    public = "\n".join(cell.source for cell in read_notebook(course.release_notebook(ASSIGNMENT)).cells)
    hidden_lines = [line for line in _hidden_code_lines(read_notebook(course.source_notebook(ASSIGNMENT)),
                                                         edit.loses[0]) if line not in public]
    assert hidden_lines and all(line in autograded for line in hidden_lines[:3]), \
        "precondition: the autograded notebook holds the hidden tests"
    leaked = [line for line in hidden_lines if line in text]
    assert not leaked, f"hidden test code in the feedback: {leaked[:3]}"
    assert "BEGIN HIDDEN TESTS" not in text
    assert "their code is not shown" in text
    # the failing hidden cell still says why it failed: its own error, in one line
    [error] = _hidden_cell_errors(read_notebook(course.autograded / edit.name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
                                  edit.loses[0])
    assert f"{error.ename}: {error.evalue}" in text, (
        f"feedback lacks the hidden test's reason {error.ename}: {error.evalue}")


def test_feedback_leaves_out_what_the_grading_added_to_the_notebook():
    """The guard's snapshot cell and its restore lines are the grading's, not the learner's."""
    import nbformat

    from autograder.feedback_privacy import PLACEHOLDER, HideHiddenTests
    from autograder.guard import GUARD_NAME, RESTORE_LINE, snapshot_cell

    test_source = "assert_close('h', h, 1.0)\n### BEGIN HIDDEN TESTS\nassert_close('h2', h2, 2.0)\n### END HIDDEN TESTS"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(snapshot_cell({"np": ("numpy", None)})),
        nbformat.v4.new_code_cell("h = 1.0"),
        nbformat.v4.new_code_cell(f"{RESTORE_LINE}\n{test_source}",
                                  metadata={"nbgrader": {"grade": True, "grade_id": "h_hidden", "points": 1}})])
    cleaned, _ = HideHiddenTests().preprocess(notebook, {})
    sources = [cell.source for cell in cleaned.cells]
    assert not any(GUARD_NAME in source for source in sources), sources
    assert sources == ["h = 1.0", f"assert_close('h', h, 1.0)\n{PLACEHOLDER}"]
