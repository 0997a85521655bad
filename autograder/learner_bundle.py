"""``make learner-bundle``: what an instructor hands to a class, with no solutions in it.

The bundle (a folder and a zip of it, under dist/) holds the generated notebooks, the
``helpers`` package without its tests, the pinned environment files, a learner README and
Makefile, and a Jupyter configuration that shows learners what they need (the lessons,
nbgrader's Validate button) and not the instructor's tools (Create Assignment, the
formgrader) nor JupyterLab's first-run news pop-up. No ``solutions/``, no hidden tests, no
``autograder/``, no gradebook: ``test_learner_bundle.py`` checks every file of it against
every line of solution code.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from .course import Course
from .translations import LANGUAGE_VARIABLE, translated_lessons

BUNDLE_NAME = "rnn-course-learner"
TEMPLATE = Path(__file__).parent / "learner_template"
# Turned off in the learner's JupyterLab: the instructor's panels, and the news pop-up.
INSTRUCTOR_LAB_PLUGINS = [
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
]
# The Assignments panel (fetch, submit, fetch feedback) and the menu that opens it: a learner's
# on a hub with nbgrader's exchange, off in the offline bundle, where there is no exchange.
EXCHANGE_LAB_PLUGINS = [
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:menu",
]
DISABLED_LAB_PLUGINS = [*INSTRUCTOR_LAB_PLUGINS, *EXCHANGE_LAB_PLUGINS,
                        "@jupyterlab/apputils-extension:announcements"]
# nbgrader's server side: only validation is a learner's (and the assignment list on a hub).
SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.validate_assignment": True,
}
# Pinned for the instructor's tools (a PostgreSQL gradebook, the browser and hub tests, the
# search for copied work), not for learners.
INSTRUCTOR_ONLY_PACKAGES = ("psycopg2-binary", "playwright", "copydetect", "jupyterhub")
SKIPPED = shutil.ignore_patterns("tests", "__pycache__", "*.pyc", ".ipynb_checkpoints")


def _instructor_only(line: str) -> bool:
    text = line.strip().lstrip("- ").lower()
    return any(text.startswith(f"{package}==") for package in INSTRUCTOR_ONLY_PACKAGES) or \
        "postgresql" in text.lower()


def learner_pyproject() -> str:
    return """[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "rnn-course-learner"
version = "0.1.0"
description = "The rnn-course lessons: from a scalar RNN to attention (learner edition)."
requires-python = ">=3.11"
dependencies = ["numpy>=2", "matplotlib>=3.8", "koreanize-matplotlib>=0.1.1", "tqdm>=4", "ipywidgets>=8"]

[tool.setuptools]
packages = ["helpers", "helpers.diagrams"]
"""


# The learner Makefile's line after which a translated bundle exports its language.
LANGUAGE_LINE_AFTER = "export JUPYTER_CONFIG_DIR := $(abspath .jupyter)"

# JupyterLab's own interface in the edition's language (its language pack, pinned in requirements.txt).
LAB_LOCALES = {"ko": "ko_KR"}


def write_jupyter_config(folder: Path, exchange: Path | None = None, course_id: str = "rnn-course",
                         language: str | None = None) -> None:
    """A learner's Jupyter configuration, for JUPYTER_CONFIG_DIR: the offline bundle's own, or,
    given nbgrader's ``exchange`` folder, a learner's on a hub (the Assignments panel on, and an
    nbgrader_config.py naming the course and the exchange). With a ``language``, JupyterLab's
    menus and dialogs are in it (a user setting under ``lab/user-settings``, where JupyterLab
    looks inside JUPYTER_CONFIG_DIR)."""
    locale = folder / "lab" / "user-settings" / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    if language is None:
        locale.unlink(missing_ok=True)  # a folder written for another language before: English again
    else:
        locale.parent.mkdir(parents=True, exist_ok=True)
        locale.write_text(json.dumps({"locale": LAB_LOCALES[language]}, indent=2) + "\n")
    disabled = DISABLED_LAB_PLUGINS if exchange is None else \
        [name for name in DISABLED_LAB_PLUGINS if name not in EXCHANGE_LAB_PLUGINS]
    extensions = SERVER_EXTENSIONS if exchange is None else \
        {**SERVER_EXTENSIONS, "nbgrader.server_extensions.assignment_list": True}
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in disabled}}, indent=2) + "\n")
    (folder / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": extensions}}, indent=2) + "\n")
    if exchange is not None:
        # nbgrader files a submission under the Unix login (JUPYTERHUB_USER only when that is
        # "jovyan"); the hub's user name is the learner's id wherever their server runs.
        (folder / "nbgrader_config.py").write_text(
            "import os\n\n"
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n"
            'c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")\n')


def build_learner_bundle(course: Course, destination: Path, language: str | None = None) -> tuple[Path, Path]:
    """Write destination/rnn-course-learner/ and destination/rnn-course-learner.zip; with a
    ``language`` (say "ko"), rnn-course-learner-ko/: each lesson in that language where it has a
    translation (notebooks-<language>/), in English where it has none yet, and JupyterLab in it."""
    bundle_name = f"{BUNDLE_NAME}-{language}" if language else BUNDLE_NAME
    bundle = destination / bundle_name
    shutil.rmtree(bundle, ignore_errors=True)
    bundle.mkdir(parents=True)
    shutil.copytree(course.release, bundle / "notebooks", ignore=SKIPPED)
    if language:
        shutil.copy2(course.translated_release(language) / "glossary.md", bundle / "notebooks" / "glossary.md")
        for lesson in translated_lessons(course, language):
            shutil.rmtree(bundle / "notebooks" / lesson)
            shutil.copytree(course.translated_release(language) / lesson, bundle / "notebooks" / lesson,
                            ignore=SKIPPED)
    shutil.copytree(course.root / "helpers", bundle / "helpers", ignore=SKIPPED)
    for name in ("requirements.txt", "environment.yml"):
        lines = (course.root / name).read_text().splitlines(keepends=True)
        (bundle / name).write_text("".join(line for line in lines if not _instructor_only(line)))
    for template in TEMPLATE.iterdir():
        shutil.copy2(template, bundle / template.name)
    if language:  # the helpers' messages in the edition's language (helpers.language)
        makefile = bundle / "Makefile"
        makefile.write_text(makefile.read_text().replace(
            LANGUAGE_LINE_AFTER, f"{LANGUAGE_LINE_AFTER}\nexport {LANGUAGE_VARIABLE} := {language}", 1))
    (bundle / "pyproject.toml").write_text(learner_pyproject())
    write_jupyter_config(bundle / ".jupyter", language=language)
    archive = destination / f"{bundle_name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                zipped.write(path, Path(bundle_name) / path.relative_to(bundle))
    return bundle, archive


if __name__ == "__main__":
    # `make lab` gives this repository's learners the bundle's own view, from the lists above:
    #   python -m autograder.learner_bundle FOLDER                 writes FOLDER for JUPYTER_CONFIG_DIR
    #   python -m autograder.learner_bundle FOLDER EXCHANGE_ROOT   the same for learners on a hub
    #   python -m autograder.learner_bundle --language ko FOLDER   JupyterLab in Korean (make lab LANG=ko)
    import argparse

    parser = argparse.ArgumentParser(prog="python -m autograder.learner_bundle")
    parser.add_argument("--language", choices=sorted(LAB_LOCALES))
    parser.add_argument("folder", type=Path)
    parser.add_argument("exchange", type=Path, nargs="?")
    args = parser.parse_args()
    write_jupyter_config(args.folder, args.exchange, language=args.language)
