"""A submission folder as handed in: whether it holds a runnable notebook, and its fingerprint."""

from __future__ import annotations

import hashlib
import json

import nbformat

from .course import Course


def submission_fingerprint(course: Course, student: str, assignment: str) -> str:
    """sha256 over the names and bytes of every file in the submission folder."""
    digest = hashlib.sha256()
    folder = course.submission_dir(student, assignment)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def submission_problem(course: Course, student: str, assignment: str) -> str | None:
    """Why this submission cannot be run, in one sentence; None when it looks like a notebook."""
    folder = course.submission_dir(student, assignment)
    expected = folder / f"{assignment}.ipynb"
    if not expected.is_file():
        found = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
        also = f"; found {', '.join(found)} (renamed?)" if found else ""
        return f"missing notebook: expected {expected.name} in the submission{also}"
    text = expected.read_bytes()
    if not text.strip():
        return f"{expected.name} is an empty file"
    try:
        json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        return f"{expected.name} is not valid JSON ({error}); was it saved completely?"
    try:
        nbformat.reads(text.decode("utf-8"), as_version=4)
    except Exception as error:  # nbformat raises several unrelated types for bad notebooks
        return f"{expected.name} is JSON but not a Jupyter notebook ({type(error).__name__}: {error})"
    return None
