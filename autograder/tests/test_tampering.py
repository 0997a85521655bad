"""The tampering answers in wrong_answers.TAMPERING: which are real attacks without the guard.

Redefining the assertions and patching numpy inflate the grade when the guard is off. An
exception handler installed with set_custom_exc does not: the kernel still reports the
failing cell as an error, so nbgrader scores it 0 anyway. With the guard on,
test_grading_proof shows that each one loses exactly its exercise.
"""

from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.release import build_release
from autograder.report import cell_scores
from autograder.submissions import (apply_edit, exercise_of, filled_submission, read_notebook,
                                    solution_answers, write_notebook)
from autograder.wrong_answers import TAMPERING

LESSON = "01_rnn_gradients"
INFLATES_WITHOUT_GUARD = {"tampers_by_redefining_the_assertions", "tampers_by_patching_numpy"}


def _sanitize_steps(config: Path) -> list[str]:
    """The sanitize preprocessors nbgrader will run, by name, from the configuration in effect."""
    loaded = PyFileConfigLoader(config.name, path=str(config.parent)).load_config()
    return [step.__name__ for step in loaded.Autograde.sanitize_preprocessors]


def test_without_the_guard_the_attacks_inflate_the_grade(tmp_path):
    course = scratch_course(tmp_path / "unguarded")
    config = course.root / "nbgrader_config.py"
    guarded = _sanitize_steps(config)
    # Drop the guard from the configuration in effect, however the file writes the list.
    with config.open("a") as appended:
        appended.write("\nc.Autograde.sanitize_preprocessors = [step for step in c.Autograde.sanitize_preprocessors\n"
                       "                                      if step.__name__ != 'GuardTests']\n")
    assert "GuardTests" in guarded, "precondition: the course's configuration runs the guard"
    assert _sanitize_steps(config) == [step for step in guarded if step != "GuardTests"]
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
