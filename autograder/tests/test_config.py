"""nbgrader_config.py sets the options nbgrader 0.9.6 really reads, and its tools are found."""

import sys
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from autograder.course import REPO_ROOT
from autograder.nbgrader_cli import BIN_DIR, nbgrader_environment


def _config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(REPO_ROOT)).load_config()


def test_cell_timeout_is_set_on_execute_not_on_execute_preprocessor():
    config = _config()
    assert config.Execute.timeout > 0
    # ExecutePreprocessor.timeout is silently overridden by Execute.timeout in nbgrader
    assert "timeout" not in config.ExecutePreprocessor


def test_warnings_on_stderr_are_ignored_and_missing_cells_restored():
    config = _config()
    assert config.IgnorePattern.enabled is True
    assert config.OverwriteCells.add_missing_cells is True


def test_course_directories_are_the_design_cards():
    config = _config()
    assert Path(config.CourseDirectory.root) == REPO_ROOT
    assert config.CourseDirectory.source_directory == "solutions"
    assert config.CourseDirectory.release_directory == "notebooks"


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
