"""Where things live in a course directory (the repository root, or a scratch copy of it)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import REPO_ROOT, db_url


@dataclass(frozen=True)
class Course:
    """Paths of one nbgrader course directory, laid out as nbgrader_config.py says."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "solutions"

    @property
    def release(self) -> Path:
        return self.root / "notebooks"

    def translated_release(self, language: str) -> Path:
        """The student notebooks in another language (autograder/translations.py)."""
        return self.root / f"notebooks-{language}"

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def reports(self) -> Path:
        """One JSON status file per graded submission: what happened, in a sentence."""
        return self.root / "grade_reports"

    @property
    def db_url(self) -> str:
        """The gradebook, resolved as nbgrader_config.py resolves it."""
        return db_url(self.root)

    def assignment_ids(self) -> list[str]:
        """Every lesson with an instructor source, in course order."""
        return sorted(p.name for p in self.source.iterdir() if (p / f"{p.name}.ipynb").is_file())

    def source_notebook(self, assignment: str) -> Path:
        return self.source / assignment / f"{assignment}.ipynb"

    def release_notebook(self, assignment: str) -> Path:
        return self.release / assignment / f"{assignment}.ipynb"

    def submission_dir(self, student: str, assignment: str) -> Path:
        return self.submitted / student / assignment

    def student_ids(self) -> list[str]:
        if not self.submitted.is_dir():
            return []
        return sorted(p.name for p in self.submitted.iterdir() if p.is_dir())


def repo_course() -> Course:
    return Course(REPO_ROOT)


def scratch_course(destination: Path, template: Course | None = None) -> Course:
    """A fresh course directory at ``destination`` with the sources and config of ``template``.

    Used by the tests and the benchmark so that grading never touches the real gradebook.
    """
    template = template or repo_course()
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template.root / "nbgrader_config.py", destination / "nbgrader_config.py")
    shutil.copytree(template.source, destination / "solutions",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return Course(destination)
