"""nbgrader_config.py sets the options nbgrader 0.9.6 really reads, and its tools are found."""

import sys
from pathlib import Path

from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, IgnorePattern, OverwriteCells
from traitlets.config.loader import PyFileConfigLoader

from autograder.course import REPO_ROOT
from autograder.execute import GradingExecute
from autograder.guard_cells import GuardTests
from autograder.nbgrader_cli import BIN_DIR, nbgrader_environment


def _config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(REPO_ROOT)).load_config()


def _autograde() -> Autograde:
    """nbgrader's autograde converter as `nbgrader autograde` builds it from nbgrader_config.py."""
    config = _config()
    return Autograde(coursedir=CourseDirectory(config=config), config=config)


def _preprocessor(cls):
    """A preprocessor built as nbgrader builds it: the config is applied to the object, so what
    is checked is the value in effect (a reformatted file passes, a misnamed option fails)."""
    return cls(config=_config())


def test_cell_timeout_is_set_on_execute_not_on_execute_preprocessor():
    # ExecutePreprocessor.timeout is silently overridden by Execute.timeout in nbgrader
    assert "timeout" not in _config().ExecutePreprocessor
    assert Execute.class_traits()["timeout"].default() == 30, "precondition: nbgrader's own default"
    in_effect = {cls.__name__: _preprocessor(cls).timeout for cls in (Execute, GradingExecute)}
    assert in_effect == {"Execute": 120, "GradingExecute": 120}, f"cell time limits in effect: {in_effect}"


def test_warnings_on_stderr_are_ignored_and_missing_cells_restored():
    # both are off in nbgrader by default
    assert _preprocessor(IgnorePattern).enabled is True
    assert _preprocessor(OverwriteCells).add_missing_cells is True


def test_autograde_runs_the_guard_and_the_sandboxed_executor():
    autograde = _autograde()
    assert autograde.sanitize_preprocessors[-1] is GuardTests  # after every cell is in place
    assert GradingExecute in autograde.autograde_preprocessors and Execute not in autograde.autograde_preprocessors


def test_course_directories_are_the_design_cards():
    coursedir = _autograde().coursedir
    assert Path(coursedir.root) == REPO_ROOT
    assert (coursedir.source_directory, coursedir.release_directory) == ("solutions", "notebooks")
    assert coursedir.course_id == "rnn-course"


def test_nbgrader_subprocesses_find_alembic_in_this_environment():
    first_on_path = nbgrader_environment()["PATH"].split(":")[0]
    assert Path(first_on_path) == BIN_DIR
    assert (BIN_DIR / "alembic").exists(), "alembic must be installed beside nbgrader"


def test_grading_kernels_run_one_math_thread_each(monkeypatch):
    import subprocess

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    env = nbgrader_environment()
    threads = subprocess.run([sys.executable, "-c", "import torch; print(torch.get_num_threads())"],
                             env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert threads == "1"
