"""Building the student release (solutions/ -> notebooks/, and notebooks-<language>/ for each
translated lesson) and checking it has not drifted."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .course import Course, repo_course, scratch_course
from .nbgrader_cli import error_summary, run_nbgrader
from .translations import LANGUAGES, translated_lessons, write_glossary, write_translated_release


class ReleaseError(RuntimeError):
    """nbgrader could not generate an assignment; the message says which and why."""


def build_release(course: Course, assignments: list[str] | None = None) -> list[Path]:
    """Generate the student notebooks of ``assignments`` (default: all) with nbgrader.

    Also records each assignment and its grade cells (hidden tests included) in the
    course's gradebook, which autograding needs. A lesson with a translation also gets its
    translated notebook (translations.py). Returns the release notebooks written.
    """
    written = []
    for assignment in assignments or course.assignment_ids():
        process = run_nbgrader(["generate_assignment", assignment, "--force"], course.root)
        if process.returncode != 0:
            raise ReleaseError(f"{assignment}: {error_summary(process)}")
        written.append(course.release_notebook(assignment))
        written += [write_translated_release(course, assignment, language) for language in LANGUAGES
                    if assignment in translated_lessons(course, language)]
    # Each edition's glossary: its terms, each with the lesson where it first appears.
    written += [write_glossary(course, language) for language in LANGUAGES if translated_lessons(course, language)]
    return written


def _release_files(course: Course, assignments: list[str] | None = None) -> dict[str, Path]:
    """Every released file, named by its path from the course root (notebooks/..., notebooks-ko/...)."""
    folders = [course.release, *(course.translated_release(language) for language in LANGUAGES)]
    return {
        str(path.relative_to(course.root)): path
        for folder in folders if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".ipynb_checkpoints" not in path.parts
        and (assignments is None or path.relative_to(folder).parts[0] in assignments)
    }


def _comparable(path: Path):
    if path.suffix == ".ipynb":
        return json.loads(path.read_text(encoding="utf-8"))
    return path.read_bytes()


def release_differences(built: Course, committed: Course,
                        assignments: list[str] | None = None) -> list[str]:
    """What differs between a freshly built release and the committed one (empty: none).

    assignments: compare only these lessons' folders (default: the whole release).
    """
    fresh, current = _release_files(built, assignments), _release_files(committed, assignments)
    problems = [f"{name}: generated from solutions/ but missing"
                for name in sorted(fresh.keys() - current.keys())]
    problems += [f"{name}: released but no longer generated from solutions/"
                 for name in sorted(current.keys() - fresh.keys())]
    problems += [f"{name}: differs from what solutions/ generates"
                 for name in sorted(fresh.keys() & current.keys())
                 if _comparable(fresh[name]) != _comparable(current[name])]
    return problems


def check_release(committed: Course | None = None) -> list[str]:
    """Build the release in a scratch course and compare it with ``committed``'s notebooks/."""
    committed = committed or repo_course()
    with tempfile.TemporaryDirectory(prefix="rnn-course-release-") as scratch:
        built = scratch_course(Path(scratch), committed)
        build_release(built)
        return release_differences(built, committed)
