"""`make lab` opens the learner's view (the learner bundle's Jupyter settings), and
`make lab-instructor` the instructor's: checked with `jupyter labextension list` run in the
environment each target sets up, in place of starting JupyterLab."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course import REPO_ROOT
from autograder.learner_bundle import DISABLED_LAB_PLUGINS

# Each runs a make target that sets up a Jupyter configuration (5 s): in `make test`, not test-fast.
pytestmark = pytest.mark.slow

INSTRUCTOR_PANELS = [name for name in DISABLED_LAB_PLUGINS if name.startswith("@jupyter/nbgrader:")]


def _make(target: str, tmp_path: Path, *variables: str) -> str:
    """Run `make <target>` with a `jupyter` that prints its arguments and lists the extensions
    instead of serving; its output."""
    venv = Path(sys.prefix)
    jupyter = venv / "bin" / "jupyter"
    fake = tmp_path / "jupyter"  # called as `jupyter lab notebooks/`: list instead of serving
    fake.write_text(f"#!/bin/sh\necho \"jupyter $*\"\nexec {jupyter} labextension list\n")
    fake.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER") and key != "LANG"}
    # -o: never reinstall the environment from here, even where pyproject.toml is newer.
    process = subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/.installed", target,
                              f"VENV={venv}", f"JUPYTER={fake}", f"LEARNER_JUPYTER={tmp_path / 'learner-jupyter'}",
                              *variables], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    output = process.stdout + process.stderr
    assert process.returncode == 0, output[-3000:]
    assert "JupyterLab v" in output, output[-3000:]  # the listing ran
    return output


def _disabled_plugins(target: str, tmp_path: Path) -> set[str]:
    """What `make <target>` would start JupyterLab with, as the plugins it disables."""
    output = _make(target, tmp_path)
    listed = output.split("Disabled extensions:", 1)[1] if "Disabled extensions:" in output else ""
    return {line.strip() for line in listed.splitlines() if line.strip().startswith("@")}


def test_make_lab_lang_ko_opens_the_korean_edition_with_jupyterlab_in_korean(tmp_path):
    locale = (tmp_path / "learner-jupyter" / "lab" / "user-settings" / "@jupyterlab" / "translation-extension"
              / "plugin.jupyterlab-settings")
    assert "jupyter lab notebooks-ko/" in _make("lab", tmp_path, "LANG=ko")
    assert json.loads(locale.read_text()) == {"locale": "ko_KR"}
    assert "jupyter lab notebooks/" in _make("lab", tmp_path)  # English again, interface included
    assert not locale.exists()


def test_the_korean_language_pack_is_installed():
    from jupyterlab_server.translation_utils import get_language_packs

    packs, error = get_language_packs("en")
    assert "ko_KR" in packs, error or sorted(packs)


def test_make_lab_hides_the_instructor_panels_and_the_news_pop_up(tmp_path):
    disabled = _disabled_plugins("lab", tmp_path)
    assert set(DISABLED_LAB_PLUGINS) <= disabled, f"make lab shows {sorted(set(DISABLED_LAB_PLUGINS) - disabled)}"
    assert "@jupyter/nbgrader:validate-assignment" not in disabled  # learners validate before handing in


def test_make_lab_instructor_shows_the_instructor_panels(tmp_path):
    disabled = _disabled_plugins("lab-instructor", tmp_path)
    assert not disabled & set(INSTRUCTOR_PANELS), sorted(disabled)
