"""The grading engine knows no lesson: everything about a lesson is in its own folder.

Adding a lesson is its solution notebook and its proof file (and a row in the README's table):
the last test adds a throw-away tenth lesson exactly that way to a copy of the course and
grades its proof class with the same code the grading proof uses for the nine real ones.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import config
from autograder.config import REPO_ROOT
from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED
from autograder.proof import (
    DEFAULT_RUNTIME_TARGET_SECONDS,
    PROOF_FILE,
    ROLES,
    lesson_proofs,
    lessons_with_role,
    load_proof,
)
from autograder.proof_class import RELEASE, SOLUTION, grade_proof_class
from autograder.report import cell_scores
from autograder.submissions import exercise_of

ENGINE = sorted((REPO_ROOT / "autograder").glob("*.py"))
# A lesson id is two digits, an underscore and a name: 01_rnn_gradients, 10_anything.
LESSON_ID = re.compile(r"\b\d\d_[a-z][a-z0-9_]*")


def lesson_ids_named_in(text: str) -> list[str]:
    return LESSON_ID.findall(text)


def test_the_lesson_id_pattern_finds_a_lesson_named_in_code():
    # Guards the guard: a pattern that matched nothing would let every engine module pass.
    assert lesson_ids_named_in('THROUGHPUT_LESSON = "01_rnn_gradients"') == ["01_rnn_gradients"]
    assert lesson_ids_named_in('path("solutions/10_toy/10_toy.ipynb")') == ["10_toy", "10_toy"]
    assert lesson_ids_named_in("timeout=120_000, x_01") == []


@pytest.mark.parametrize("module", ENGINE, ids=[path.name for path in ENGINE])
def test_no_engine_module_names_a_lesson(module: Path):
    named = lesson_ids_named_in(module.read_text(encoding="utf-8"))
    assert not named, (f"{module.name} names {sorted(set(named))}: lesson-specific things belong in "
                       f"solutions/<id>/{PROOF_FILE}")


def environment_variables_named_in(module: Path) -> set[str]:
    """String constants of the module's code that name an RNN_COURSE_* variable (not its comments)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and re.fullmatch(r"RNN_COURSE_[A-Z_]+", node.value)}


def test_config_is_the_one_place_that_names_the_environment_variables():
    defined = {value for value in vars(config).values() if isinstance(value, str)}
    stray = {module.name: sorted(environment_variables_named_in(module))
             for module in ENGINE if module.name not in ("config.py", "system_packages.py")}
    assert not {name: found for name, found in stray.items() if found}, "take these from autograder.config"
    repeated = environment_variables_named_in(REPO_ROOT / "autograder" / "system_packages.py")
    assert repeated and repeated <= defined, (
        f"system_packages.py repeats names config.py does not define: {repeated - defined}")


def test_every_lesson_has_a_proof_file_and_every_role_is_held():
    course = repo_course()
    proofs = lesson_proofs(course)  # raises MissingProof for a lesson without one
    assert list(proofs) == course.assignment_ids()
    for role in ROLES:
        assert lessons_with_role(course, role), f"no lesson's proof file has the role {role!r}"


def _nbgrader(cell, **meta):
    cell.metadata["nbgrader"] = {"grade": False, "locked": False, "schema_version": 3, "solution": False,
                                 "task": False, **meta}
    return cell


TENTH = "10_throwaway"
TENTH_PROOF = '''
from autograder.proof import LessonProof, SourceEdit

PROOF = LessonProof(
    wrong_answers=(
        SourceEdit("doubles_instead_of_squaring", "square", "x * x", "2 * x", loses=("square",)),
        SourceEdit("adds_one", "halve", "x / 2", "x / 2 + 1", loses=("halve",)),
    ),
    right_answers=(
        SourceEdit("square_by_power", "square", "x * x", "x ** 2", loses=()),
    ),
)
'''


def write_tenth_lesson(course) -> None:
    """A tiny lesson with two exercises, written the way the README says a lesson is added."""
    cells = [new_markdown_cell("# A throw-away lesson\nSquare and halve an array."),
             new_code_cell("import numpy as np\nfrom helpers.checks import assert_close")]
    for name, formula, reference in [("square", "x * x", "np.power(x, 2)"), ("halve", "x / 2", "np.multiply(x, 0.5)")]:
        cells += [
            _nbgrader(new_code_cell(f"def {name}(x):\n    x = np.asarray(x, dtype=float)\n"
                                    f"    ### BEGIN SOLUTION\n    return {formula}\n    ### END SOLUTION"),
                      grade_id=name, solution=True),
            _nbgrader(new_code_cell(f'assert_close("{name}([3.0])", {name}([3.0]), {reference.replace("x", "[3.0]")})'),
                      grade=True, grade_id=f"{name}_visible", locked=True, points=1),
            _nbgrader(new_code_cell(f"### BEGIN HIDDEN TESTS\nx = np.linspace(-2, 2, 7)\n"
                                    f'assert_close("{name}(x)", {name}(x), {reference})\n### END HIDDEN TESTS'),
                      grade=True, grade_id=f"{name}_hidden", locked=True, points=2),
        ]
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}})
    folder = course.source / TENTH
    folder.mkdir(parents=True)
    nbformat.write(notebook, str(folder / f"{TENTH}.ipynb"))
    (folder / PROOF_FILE).write_text(TENTH_PROOF)


@pytest.mark.slow
def test_a_tenth_lesson_is_its_notebook_and_its_proof_file(tmp_path):
    course = scratch_course(tmp_path / "course")
    write_tenth_lesson(course)
    assert course.assignment_ids()[-1] == TENTH
    proof = load_proof(course, TENTH)
    assert proof.runtime_target_seconds == DEFAULT_RUNTIME_TARGET_SECONDS  # `make bench` needs nothing more

    results = grade_proof_class(course, TENTH)

    assert not (course.release / TENTH / PROOF_FILE).exists(), "the proof file must never be released"
    assert results[(SOLUTION, TENTH)].status == GRADED
    solution = cell_scores(course, SOLUTION, TENTH)
    assert sorted(solution) == ["halve_hidden", "halve_visible", "square_hidden", "square_visible"]
    assert all(score == max_score for score, max_score in solution.values()), solution
    assert all(score == 0 for score, _ in cell_scores(course, RELEASE, TENTH).values())
    for edit in proof.graded_edits():
        scores = cell_scores(course, proof.student_of(edit), TENTH)
        expected = {cell: 0 if exercise_of(cell) in edit.loses else max_score
                    for cell, (_, max_score) in scores.items()}
        assert {cell: score for cell, (score, _) in scores.items()} == expected, edit.name
