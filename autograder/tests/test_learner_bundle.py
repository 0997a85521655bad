"""The learner bundle: no solutions in it, and its own set-up works from an empty folder."""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.course import repo_course
from autograder.learner_bundle import BUNDLE_NAME, build_learner_bundle
from autograder.submissions import filled_submission, read_notebook, solution_answers, write_notebook
from autograder.translations import translated_lessons

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
BLOCK = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
# Shorter lines are generic Python ("else:", "return out", "loss.backward()").
DISTINCTIVE_LENGTH = 30


def _sources():
    return [cell for path in sorted(repo_course().source.glob("*/*.ipynb"))
            for cell in json.loads(path.read_text())["cells"]]


def solution_lines() -> set[str]:
    """Distinctive lines of solution code and hidden tests that the instructor does not also
    give learners elsewhere in the same notebooks."""
    hidden, given = set(), set()
    for cell in _sources():
        source = "".join(cell["source"])
        for _, block in BLOCK.findall(source):
            hidden |= {line.strip() for line in block.splitlines()}
        given |= {line.strip() for line in BLOCK.sub("", source).splitlines()}
    return {line for line in hidden - given if len(line) >= DISTINCTIVE_LENGTH and not line.startswith("#")}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return build_learner_bundle(repo_course(), tmp_path_factory.mktemp("dist"))


def _text_of(path: Path) -> str:
    text = path.read_text(errors="replace")
    if path.suffix == ".ipynb":  # the cells' lines, as a learner sees them
        return "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
    return text


def test_the_bundle_has_the_lessons_and_no_instructor_material(bundle):
    folder, archive = bundle
    names = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    lessons = repo_course().assignment_ids()
    assert {f"notebooks/{lesson}/{lesson}.ipynb" for lesson in lessons} <= names
    assert {"README.md", "Makefile", "requirements.txt", "environment.yml", "pyproject.toml",
            "helpers/checks.py", ".jupyter/labconfig/page_config.json"} <= names
    for forbidden in ("solutions/", "autograder/", "helpers/tests/", "gradebook", "submitted/", "nbgrader_config"):
        assert not [n for n in names if forbidden in n], forbidden
    with zipfile.ZipFile(archive) as zipped:
        assert {n.removeprefix(f"{BUNDLE_NAME}/") for n in zipped.namelist()} == names


def test_no_marker_and_no_line_of_solution_code_is_in_the_bundle(bundle):
    folder, _ = bundle
    secret = solution_lines()
    assert len(secret) > 300  # the rule finds the solutions' lines (it would pass on an empty set)
    leaks = []
    for path in folder.rglob("*"):
        if path.is_file():
            text = _text_of(path)
            leaks += [f"{path.name}: marker {m}" for m in MARKERS if m in text]
            leaks += [f"{path.name}: {line}" for line in {line.strip() for line in text.splitlines()} & secret]
    assert not leaks, leaks[:10]


def test_the_check_would_see_a_leaked_solution(bundle, tmp_path):
    """The same rule applied to the instructor's source finds its solutions."""
    source = _text_of(repo_course().source_notebook("01_rnn_gradients"))
    assert {line.strip() for line in source.splitlines()} & solution_lines()


def test_the_learner_jupyter_config_hides_the_instructor_tools(bundle):
    folder, _ = bundle
    disabled = json.loads((folder / ".jupyter/labconfig/page_config.json").read_text())["disabledExtensions"]
    assert disabled["@jupyter/nbgrader:formgrader"] and disabled["@jupyter/nbgrader:create-assignment"]
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    server = json.loads((folder / ".jupyter/jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.validate_assignment"] is True
    requirements = (folder / "requirements.txt").read_text()
    assert "psycopg2" not in requirements and "copydetect" not in requirements


@pytest.mark.slow  # a pip install into a new environment
def test_the_bundles_own_setup_works_from_an_empty_folder(bundle, tmp_path):
    """Unzip into an empty folder, `make setup`, then validate lesson 01 from the command line:
    the stubs fail with the course's message, a filled-in copy passes."""
    _, archive = bundle
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    folder = tmp_path / BUNDLE_NAME
    python = Path(sys.base_prefix) / "bin" / "python3"
    setup = subprocess.run(["make", "setup", f"PYTHON={python}"], cwd=folder, capture_output=True, text=True,
                           timeout=1200)
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-2000:]
    lesson = "notebooks/01_rnn_gradients/01_rnn_gradients.ipynb"
    stubs = subprocess.run([".venv/bin/nbgrader", "validate", lesson], cwd=folder, capture_output=True,
                           text=True, timeout=600)
    assert "Replace this line with your code" in stubs.stdout, stubs.stdout[-2000:]
    answers = solution_answers(read_notebook(repo_course().source_notebook("01_rnn_gradients")))
    write_notebook(filled_submission(read_notebook(folder / lesson), answers), folder / "done.ipynb")
    done = subprocess.run([".venv/bin/nbgrader", "validate", "done.ipynb"], cwd=folder, capture_output=True,
                          text=True, timeout=600)
    assert "Success! Your notebook passes all the tests." in done.stdout, done.stdout[-2000:]


@pytest.fixture(scope="module")
def korean_bundle(tmp_path_factory):
    return build_learner_bundle(repo_course(), tmp_path_factory.mktemp("dist-ko"), "ko")


def test_the_korean_bundle_has_each_lesson_in_korean_where_translated_and_jupyterlab_in_korean(korean_bundle):
    folder, archive = korean_bundle
    course = repo_course()
    assert (folder.name, archive.name) == (f"{BUNDLE_NAME}-ko", f"{BUNDLE_NAME}-ko.zip")
    translated = translated_lessons(course, "ko")
    assert translated  # the precondition: there is a Korean lesson to bundle
    for lesson in course.assignment_ids():
        released = course.translated_release("ko") if lesson in translated else course.release
        assert (folder / "notebooks" / lesson / f"{lesson}.ipynb").read_bytes() == \
            (released / lesson / f"{lesson}.ipynb").read_bytes(), lesson
    locale = folder / ".jupyter/lab/user-settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
    assert json.loads(locale.read_text()) == {"locale": "ko_KR"}
    assert "jupyterlab-language-pack-ko-KR==" in (folder / "requirements.txt").read_text()


def _language_make_exports(folder: Path) -> str:
    shown = subprocess.run(["make", "-s", "--eval", "show-language: ; @echo \"[$$RNN_COURSE_LANGUAGE]\"",
                            "show-language"], cwd=folder, capture_output=True, text=True, timeout=60,
                           env={key: value for key, value in os.environ.items() if key != "RNN_COURSE_LANGUAGE"})
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip()


def test_the_korean_bundle_runs_the_helpers_in_korean(korean_bundle, bundle):
    """make lab and make validate in the Korean bundle give the kernels RNN_COURSE_LANGUAGE=ko
    (helpers.language), so checks and predictions speak Korean; the English bundle sets nothing."""
    assert _language_make_exports(korean_bundle[0]) == "[ko]"
    assert _language_make_exports(bundle[0]) == "[]"


def test_no_marker_and_no_line_of_solution_code_is_in_the_korean_bundle(korean_bundle):
    test_no_marker_and_no_line_of_solution_code_is_in_the_bundle(korean_bundle)
