"""The student release: generated from solutions/, committed, and free of answers."""

import pytest

from autograder.course import repo_course
from autograder.release import release_differences
from autograder.submissions import nbgrader_meta, read_notebook, solution_answers
from autograder.translations import LANGUAGES

from .conftest import graded_assignments

COURSE = repo_course()
ASSIGNMENTS = COURSE.assignment_ids()
GRADED_ASSIGNMENTS = graded_assignments()


@pytest.mark.parametrize("assignment", GRADED_ASSIGNMENTS)
def test_committed_release_matches_what_the_solutions_generate(graded_class, assignment):
    # graded_class built each lesson's release from solutions/ with nbgrader in a scratch course.
    problems = release_differences(graded_class.course(assignment), COURSE, [assignment])
    assert not problems, "notebooks/ has drifted; run `make release` and commit:\n" + "\n".join(problems)


def test_every_release_folder_has_a_source():
    released = sorted(p.name for p in COURSE.release.iterdir() if p.is_dir())
    assert released == ASSIGNMENTS, "notebooks/ and solutions/ hold different lessons"


def test_drift_is_detected(graded_class, tmp_path):
    import shutil

    from autograder.course import scratch_course

    stale = scratch_course(tmp_path / "stale")
    for language in LANGUAGES:  # the translated editions, unchanged
        if COURSE.translated_release(language).is_dir():
            shutil.copytree(COURSE.translated_release(language), stale.translated_release(language))
    shutil.copytree(COURSE.release, stale.release)
    lesson = GRADED_ASSIGNMENTS[0]
    path = stale.release_notebook(lesson)
    path.write_text(path.read_text().replace("# Lesson ", "# Lesson: "))
    assert release_differences(graded_class.course(lesson), stale, [lesson]) == [
        f"notebooks/{lesson}/{lesson}.ipynb: differs from what solutions/ generates"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solution_code_and_no_hidden_tests(assignment):
    release_text = COURSE.release_notebook(assignment).read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in release_text
    release = read_notebook(COURSE.release_notebook(assignment))
    answers = solution_answers(read_notebook(COURSE.source_notebook(assignment)))
    stubs = {nbgrader_meta(c)["grade_id"]: c.source for c in release.cells if nbgrader_meta(c).get("solution")}
    assert stubs.keys() == answers.keys()
    for grade_id, stub in stubs.items():
        assert 'raise NotImplementedError("Replace this line with your code.")' in stub
        assert stub != answers[grade_id]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_sources_carry_no_outputs(assignment):
    source = read_notebook(COURSE.source_notebook(assignment))
    for cell in source.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
