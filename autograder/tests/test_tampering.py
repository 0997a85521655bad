"""The tampering answers in wrong_answers.TAMPERING: which are real attacks without the guard.

Redefining the assertions and patching numpy inflate the grade when the guard is off. An
exception handler installed with set_custom_exc does not: the kernel still reports the
failing cell as an error, so nbgrader scores it 0 anyway. With the guard on,
test_grading_proof shows that each one loses exactly its exercise.
"""

import pytest

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.release import build_release
from autograder.report import cell_scores
from autograder.submissions import (apply_edit, exercise_of, filled_submission, read_notebook,
                                    solution_answers, write_notebook)
from autograder.wrong_answers import TAMPERING

LESSON = "01_rnn_gradients"
INFLATES_WITHOUT_GUARD = {"tampers_by_redefining_the_assertions", "tampers_by_patching_numpy"}


@pytest.mark.slow  # a grading run with the guard off
def test_without_the_guard_the_attacks_inflate_the_grade(tmp_path):
    course = scratch_course(tmp_path / "unguarded")
    config = course.root / "nbgrader_config.py"
    guarded = config.read_text()
    assert "CheckCellMetadata, GuardTests]" in guarded
    config.write_text(guarded.replace("CheckCellMetadata, GuardTests]", "CheckCellMetadata]"))
    build_release(course, [LESSON])
    release = read_notebook(repo_course().release_notebook(LESSON))
    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    for edit in TAMPERING[LESSON]:
        write_notebook(filled_submission(release, apply_edit(answers, edit)),
                       course.submission_dir(edit.name, LESSON) / f"{LESSON}.ipynb")
    results = autograde_all(course, progress=False)
    assert [r.status for r in results] == [GRADED] * len(TAMPERING[LESSON])
    for edit in TAMPERING[LESSON]:
        scores = cell_scores(course, edit.name, LESSON)
        tampered = {cell: score for cell, score in scores.items() if exercise_of(cell) in edit.loses}
        inflated = bool(tampered) and all(score == max_score for score, max_score in tampered.values())
        assert inflated == (edit.name in INFLATES_WITHOUT_GUARD), f"{edit.name}: {tampered}"
