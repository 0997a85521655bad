"""The grading proof: for every lesson, autograding gives the grade an honest grader would.

solution -> full marks; untouched release -> 0 without crashing; each wrong answer loses
exactly the points of its exercise(s) and no others; a correct answer that emits a warning
keeps every point.
"""

from __future__ import annotations

import nbformat
import pytest

from autograder.course import repo_course
from autograder.grading import GRADED
from autograder.proof import lesson_proofs
from autograder.report import cell_scores
from autograder.submissions import exercise_of, nbgrader_meta, read_notebook

from .conftest import RELEASE, SOLUTION, WARNS_WITHOUT_IGNORE, graded_assignments

ASSIGNMENTS = graded_assignments()
PROOFS = lesson_proofs(repo_course())
EDITS = [(a, e) for a in ASSIGNMENTS for e in PROOFS[a].graded_edits()]
SLOW = [(a, PROOFS[a].slow_answer) for a in ASSIGNMENTS if PROOFS[a].slow_answer]


def _autograded_notebook(graded_class, student, assignment):
    path = graded_class.course(assignment).autograded / student / assignment / f"{assignment}.ipynb"
    return nbformat.read(str(path), as_version=4)


def _errors(notebook):
    return [(output.ename, output.evalue) for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if output.output_type == "error"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(graded_class, assignment):
    assert graded_class.result(SOLUTION, assignment).status == GRADED
    scores = cell_scores(graded_class.course(assignment), SOLUTION, assignment)
    lost = {cell: s for cell, s in scores.items() if s[0] != s[1]}
    assert scores and not lost, f"the solution lost points in {lost}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_top_to_bottom_without_errors(graded_class, assignment):
    assert _errors(_autograded_notebook(graded_class, SOLUTION, assignment)) == []


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_scores_zero_without_crashing(graded_class, assignment):
    result = graded_class.result(RELEASE, assignment)
    assert result.status == GRADED, result.message
    scores = cell_scores(graded_class.course(assignment), RELEASE, assignment)
    assert scores and all(score == 0 for score, _ in scores.values()), scores


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_fails_only_with_not_implemented_error(graded_class, assignment):
    errors = _errors(_autograded_notebook(graded_class, RELEASE, assignment))
    assert errors, "the untouched release should fail its tests"
    assert {name for name, _ in errors} == {"NotImplementedError"}, errors


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if PROOFS[a].trusted_verdict])
def test_with_the_trusted_verdict_no_test_cell_runs_in_the_kernel(graded_class, assignment):
    notebook = _autograded_notebook(graded_class, SOLUTION, assignment)
    tests = [cell for cell in notebook.cells
             if nbgrader_meta(cell).get("grade") and not nbgrader_meta(cell).get("solution")]
    # a cell run in the kernel gets an execution count there; each test cell asks the kernel at
    # least once, for the exercise it tests
    assert tests and all(cell.execution_count is None for cell in tests)
    assert notebook.metadata["rnn_course"]["trusted_verdict"]["requests"] >= len(tests)


@pytest.mark.parametrize("assignment,edit", EDITS, ids=[edit.name for _, edit in EDITS])
def test_each_edit_loses_exactly_the_points_of_its_exercises(graded_class, assignment, edit):
    # a right answer shares its submission with right answers to other exercises: all keep every point
    student = PROOFS[assignment].student_of(edit)
    result = graded_class.result(student, assignment)
    assert result.status == GRADED, result.message
    scores = cell_scores(graded_class.course(assignment), student, assignment)
    wrong = {}
    for cell, (score, max_score) in scores.items():
        expected = 0.0 if exercise_of(cell) in edit.loses else max_score
        if score != expected:
            wrong[cell] = f"scored {score:g}, expected {expected:g}"
    shared = [e.name for e in PROOFS[assignment].graded_submissions()[student] if e != edit]
    assert not wrong, f"{edit.name} ({edit.why}){f' graded with {shared}' if shared else ''}: {wrong}"


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if PROOFS[a].warning_answer])
def test_the_harmless_warning_really_reaches_stderr(graded_class, assignment):
    # Without IgnorePattern nbgrader zeroes the cell that printed the warning: this is the
    # pitfall the configuration handles, so the keeps-its-points test above is meaningful.
    course = graded_class.course(assignment)
    warns = PROOFS[assignment].warning_answer.exercise  # the one graded without IgnorePattern
    scores = cell_scores(course, WARNS_WITHOUT_IGNORE, assignment)
    lost = {cell for cell, (score, max_score) in scores.items() if score < max_score}
    # the only cells zeroed are tests of the exercise that warns, and each wrote a warning to stderr
    assert lost and {exercise_of(cell) for cell in lost} == {warns}, scores
    autograded = read_notebook(course.autograded / WARNS_WITHOUT_IGNORE / assignment / f"{assignment}.ipynb")
    stderr = {nbgrader_meta(c)["grade_id"]: "".join(o.get("text", "") for o in c.outputs if o.get("name") == "stderr")
              for c in autograded.cells if nbgrader_meta(c).get("grade_id") in lost}
    assert all("Warning: " in text for text in stderr.values()), stderr


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_two_right_answers_written_differently(assignment):
    source = read_notebook(repo_course().source_notebook(assignment))
    exercises = [nbgrader_meta(c)["grade_id"] for c in source.cells if nbgrader_meta(c).get("solution")]
    counts = {exercise: sum(edit.exercise == exercise and not edit.loses for edit in PROOFS[assignment].right_answers)
              for exercise in exercises}
    assert all(count >= 2 for count in counts.values()), (
        f"right answers per exercise in solutions/{assignment}/proof.py (two or more each): {counts}")
    assert all(not edit.loses for edit in PROOFS[assignment].right_answers), "a right answer loses nothing"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_visible_and_hidden_tests_and_a_wrong_answer(assignment):
    course = repo_course()
    source = read_notebook(course.source_notebook(assignment))
    exercises = [nbgrader_meta(c)["grade_id"] for c in source.cells if nbgrader_meta(c).get("solution")]
    tests = {nbgrader_meta(c)["grade_id"]: c.source for c in source.cells if nbgrader_meta(c).get("grade")}
    assert exercises
    for exercise in exercises:
        assert f"{exercise}_visible" in tests, f"{exercise} has no visible test cell"
        hidden = tests.get(f"{exercise}_hidden", "")
        assert "### BEGIN HIDDEN TESTS" in hidden, f"{exercise} has no hidden tests"
        assert any(exercise in edit.loses for edit in PROOFS[assignment].wrong_answers), (
            f"{exercise} has no wrong answer in solutions/{assignment}/proof.py")
    assert all(exercise_of(grade_id) in exercises for grade_id in tests), (
        f"test cells must be named <exercise>_visible / <exercise>_hidden: {sorted(tests)}")


@pytest.mark.parametrize("assignment,slow_answer", SLOW, ids=[a for a, _ in SLOW])
def test_a_cell_past_the_time_limit_is_interrupted_and_costs_only_its_exercise(graded_class, assignment,
                                                                             slow_answer):
    result = graded_class.result(slow_answer.name, assignment)
    assert result.status == GRADED, result.message
    scores = cell_scores(graded_class.course(assignment), slow_answer.name, assignment)
    for cell, (score, max_score) in scores.items():
        expected = 0.0 if exercise_of(cell) in slow_answer.loses else max_score
        assert score == expected, f"{cell}: scored {score:g}, expected {expected:g}"
    errors = _errors(_autograded_notebook(graded_class, slow_answer.name, assignment))
    assert "CellTimeoutError" in {name for name, _ in errors}, errors
    assert result.seconds < 120, "the short cell limit given on the command line was not applied"


def test_edit_names_are_unique_student_ids():
    names = [edit.name for _, edit in EDITS]
    assert len(names) == len(set(names))
    for assignment in ASSIGNMENTS:
        students = PROOFS[assignment].graded_submissions()
        assert sorted(e.name for edits in students.values() for e in edits) == sorted(
            e.name for e in PROOFS[assignment].graded_edits()), "every edit is graded exactly once"
        assert not set(students) & {SOLUTION, RELEASE, WARNS_WITHOUT_IGNORE}
