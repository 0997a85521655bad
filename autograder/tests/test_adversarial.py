"""Hostile submissions (autograder.adversarial), graded in parallel beside honest ones.

For every attack: the honest grade (no inflation, no honest points lost), a one-line reason
for the instructor, the honest submissions untouched, the gradebook and the course intact,
and no process of the submission left running afterwards.
"""

import hashlib
import os
import sqlite3
import uuid
from pathlib import Path

import pytest

from autograder.adversarial import CELL_TIMEOUT_SECONDS, MEMORY_LIMIT_MB
from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.proof import lesson_proofs
from autograder.release import build_release
from autograder.report import cell_scores, grade_rows
from autograder.sandbox import sandbox_problem
from autograder.submissions import (
    exercise_of,
    filled_submission,
    nbgrader_meta,
    read_notebook,
    solution_answers,
    write_notebook,
)

from .expected import lesson_points

# Every attack and two honest submissions graded with nbgrader: minutes.
pytestmark = pytest.mark.slow
NEEDS_SANDBOX = pytest.mark.needs_system("bubblewrap", "util-linux")
# The attacks are built from the one lesson whose proof file has them.
[(LESSON, ATTACKS)] = [(lesson, proof.attacks) for lesson, proof in lesson_proofs(repo_course()).items()
                       if proof.attacks]
HONEST = {"honest_solution": "solution", "honest_release": "release"}
# Every process this run starts while grading (nbgrader, its kernels, whatever a submission
# forks) inherits this variable: the sandbox sets and unsets single variables, never clears the
# environment (test_sandbox checks that the kernel inherits it). Other graders and other test
# runs on the same machine carry another id or none, so the sweep below never counts them.
RUN_MARKER = "RNN_COURSE_TEST_RUN"
RUN_ID = f"adversarial-{os.getpid()}-{uuid.uuid4().hex}"
BY_NAME = {attack.name: attack for attack in ATTACKS}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    problem = sandbox_problem()
    assert problem is None, f"the sandbox is needed for these tests: {problem} (`make test` installs it)"
    course = scratch_course(tmp_path_factory.mktemp("attacked"))
    build_release(course, [LESSON])
    release = read_notebook(course.release_notebook(LESSON))
    answers = solution_answers(read_notebook(course.source_notebook(LESSON)))
    name = f"{LESSON}.ipynb"
    write_notebook(filled_submission(release, answers), course.submission_dir("honest_solution", LESSON) / name)
    write_notebook(release, course.submission_dir("honest_release", LESSON) / name)
    for attack in ATTACKS:
        write_notebook(attack.build(release, answers), course.submission_dir(attack.name, LESSON) / name)
    protected = [course.root / "nbgrader_config.py", course.source_notebook(LESSON)]
    before = {path: _digest(path) for path in protected}
    with pytest.MonkeyPatch.context() as patch:  # both variables are gone again after grading
        patch.setenv("RNN_COURSE_MEMORY_MB", str(MEMORY_LIMIT_MB))
        patch.setenv(RUN_MARKER, RUN_ID)
        results = autograde_all(course, progress=False, workers=2,
                                nbgrader_args=(f"--Execute.timeout={CELL_TIMEOUT_SECONDS}",))
    return course, {r.student: r for r in results}, before


@NEEDS_SANDBOX
@pytest.mark.parametrize("name", list(BY_NAME))
def test_each_attack_gets_the_honest_grade_and_a_reason(attacked, name):
    course, results, _ = attacked
    attack, result = BY_NAME[name], results[name]
    assert result.status == GRADED, result.line()
    assert attack.reason in result.message, result.line()
    for cell, (score, max_score) in cell_scores(course, name, LESSON).items():
        expected = 0 if exercise_of(cell) in attack.loses else max_score
        assert score == expected, f"{name}: {cell} scored {score}, expected {expected} ({result.line()})"


@NEEDS_SANDBOX
def test_honest_submissions_graded_beside_the_attacks_are_unaffected(attacked):
    course, results, _ = attacked
    rows = {row.student: row for row in grade_rows(course)}
    assert rows["honest_solution"].score == rows["honest_solution"].max_score == lesson_points(course, LESSON)
    assert rows["honest_release"].score == 0
    assert results["honest_solution"].notes == "" and results["honest_release"].notes == ""


@NEEDS_SANDBOX
def test_the_gradebook_and_the_course_files_survive(attacked):
    course, results, before = attacked
    for path, digest in before.items():
        assert _digest(path) == digest, f"{path} was changed by a submission"
    with sqlite3.connect(course.root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts = dict(db.execute("SELECT student_id, count(*) FROM submitted_assignment GROUP BY student_id"))
    assert counts == {student: 1 for student in results}


@NEEDS_SANDBOX
def test_no_process_of_a_submission_outlives_its_grading(attacked):
    marker = f"{RUN_MARKER}={RUN_ID}".encode()
    leftovers = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker not in environ.read_bytes().split(b"\0"):
                continue
            command = (environ.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        leftovers.append(f"{environ.parent.name}: {command[:80]}")
    assert not leftovers, f"still running after grading: {leftovers}"


@NEEDS_SANDBOX
def test_the_memory_bomb_met_the_limit_not_the_machine(attacked):
    course, results, _ = attacked
    name = "memory_bomb_in_a_function"
    autograded = read_notebook(course.autograded / name / LESSON / f"{LESSON}.ipynb")
    # Each test cell of the exercise fails by the address-space limit (numpy raises a subclass
    # of MemoryError) in a kernel that lives on: the machine's memory was never at stake.
    errors = {nbgrader_meta(cell)["grade_id"]: [o.ename for o in cell.outputs if o.output_type == "error"]
              for cell in autograded.cells
              if nbgrader_meta(cell).get("grade")
              and exercise_of(nbgrader_meta(cell)["grade_id"]) in BY_NAME[name].loses}
    assert errors and all(len(names) == 1 and names[0].endswith("MemoryError") for names in errors.values()), errors
    assert "the kernel died" not in results[name].message and "restarted" not in results[name].message, \
        results[name].line()


@NEEDS_SANDBOX
def test_megabytes_of_output_are_cut_short(attacked):
    course, _, _ = attacked
    autograded = course.autograded / "prints_megabytes" / LESSON / f"{LESSON}.ipynb"
    assert autograded.stat().st_size < 1_000_000  # 6 MB were printed


def test_without_the_sandbox_the_solutions_can_be_stolen(tmp_path, monkeypatch):
    """Why the sandbox matters: the same attack scores full marks without it, with a warning."""
    monkeypatch.setenv("RNN_COURSE_SANDBOX", "0")
    course = scratch_course(tmp_path / "unsandboxed")
    build_release(course, [LESSON])
    release = read_notebook(course.release_notebook(LESSON))
    answers = solution_answers(read_notebook(course.source_notebook(LESSON)))
    thief = BY_NAME["reads_the_solutions"]
    write_notebook(thief.build(release, answers), course.submission_dir(thief.name, LESSON) / f"{LESSON}.ipynb")
    [result] = autograde_all(course, progress=False)
    assert "WITHOUT a sandbox" in result.message
    scores = cell_scores(course, thief.name, LESSON)
    assert all(score == max_score for score, max_score in scores.values()), scores


# The attacks that changed how the learner's kernel runs the tests (input and AST transformers,
# a wrapped run_cell, rewritten replies, the checks' code swapped, the test's namespace reached
# through the stack) score what they solved above, because the test cells run in the grader.
IN_THE_KERNEL = [attack for attack in ATTACKS if attack.inflates_in_the_kernel]


@NEEDS_SANDBOX
def test_the_kernel_level_attacks_inflate_when_the_tests_run_in_the_kernel(tmp_path):
    """What the trusted verdict prevents: with the test cells in the learner's kernel (nbgrader's
    way, the guard included), each of these solves nothing and gets full marks."""
    assert IN_THE_KERNEL, "precondition: the attacked lesson has kernel-level attacks"
    course = scratch_course(tmp_path / "in_the_kernel")
    build_release(course, [LESSON])
    release = read_notebook(course.release_notebook(LESSON))
    answers = solution_answers(read_notebook(course.source_notebook(LESSON)))
    for attack in IN_THE_KERNEL:
        write_notebook(attack.build(release, answers), course.submission_dir(attack.name, LESSON) / f"{LESSON}.ipynb")
    results = autograde_all(course, progress=False, workers=2, nbgrader_args=(
        f"--Execute.timeout={CELL_TIMEOUT_SECONDS}", "--GradingExecute.use_trusted_verdict=False"))
    assert [r.status for r in results] == [GRADED] * len(IN_THE_KERNEL)
    for attack in IN_THE_KERNEL:
        scores = cell_scores(course, attack.name, LESSON)
        assert scores and all(score == max_score for score, max_score in scores.values()), (attack.name, scores)


@NEEDS_SANDBOX
def test_nothing_the_kernel_returned_was_unpickled_by_the_grader(attacked):
    assert "returns_an_object_that_runs_code_when_unpickled" in BY_NAME
    assert not Path("/tmp/rnn-course-unpickled-by-the-grader").exists()
