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
