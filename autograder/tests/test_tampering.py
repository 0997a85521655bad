"""The tampering answers (``LessonProof.tampering``): which are real attacks without the guard.

Redefining the assertions and patching numpy inflate the grade when the guard is off. An
exception handler installed with set_custom_exc does not: the kernel still reports the
failing cell as an error, so nbgrader scores it 0 anyway. With the guard on,
test_grading_proof shows that each one loses exactly its exercise.
"""

from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.proof import lesson_proofs
from autograder.release import build_release
from autograder.report import cell_scores
from autograder.submissions import exercise_of, write_submission

TAMPERED_LESSONS = [lesson for lesson, proof in lesson_proofs(repo_course()).items() if proof.tampering]
INFLATES_WITHOUT_GUARD = {"tampers_by_redefining_the_assertions", "tampers_by_patching_numpy"}


def _sanitize_steps(config: Path) -> list[str]:
    """The sanitize preprocessors nbgrader will run, by name, from the configuration in effect."""
    loaded = PyFileConfigLoader(config.name, path=str(config.parent)).load_config()
    return [step.__name__ for step in loaded.Autograde.sanitize_preprocessors]


@pytest.mark.slow  # a grading run with the guard off
@pytest.mark.parametrize("lesson", TAMPERED_LESSONS)
def test_without_the_guard_the_attacks_inflate_the_grade(tmp_path, lesson):
    course = scratch_course(tmp_path / "unguarded")
    tampering = lesson_proofs(course)[lesson].tampering
    config = course.root / "nbgrader_config.py"
    guarded = _sanitize_steps(config)
    # Drop the guard from the configuration in effect, however the file writes the list.
    with config.open("a") as appended:
        appended.write("\nc.Autograde.sanitize_preprocessors = [step for step in c.Autograde.sanitize_preprocessors\n"
                       "                                      if step.__name__ != 'GuardTests']\n")
    assert "GuardTests" in guarded, "precondition: the course's configuration runs the guard"
    assert _sanitize_steps(config) == [step for step in guarded if step != "GuardTests"]
    build_release(course, [lesson])
    for edit in tampering:
        write_submission(course, edit.name, lesson, edit=edit)
    # the tests in the learner's kernel, where the guard is what protects them
    results = autograde_all(course, progress=False, nbgrader_args=("--GradingExecute.use_trusted_verdict=False",))
    assert [r.status for r in results] == [GRADED] * len(tampering)
    for edit in tampering:
        scores = cell_scores(course, edit.name, lesson)
        tampered = {cell: score for cell, score in scores.items() if exercise_of(cell) in edit.loses}
        inflated = bool(tampered) and all(score == max_score for score, max_score in tampered.values())
        assert inflated == (edit.name in INFLATES_WITHOUT_GUARD), f"{edit.name}: {tampered}"
