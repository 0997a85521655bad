"""Collecting a zip of submissions into submitted/.

The zip holds ``<student_id>/<assignment_id>/<files>``, the layout of nbgrader's submitted/
folder (for an LMS's own download format, use ``nbgrader zip_collect``). Entries that would
land outside submitted/ are refused, and a student's earlier files for the same assignment
are replaced, not merged.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path, PurePosixPath

from .course import Course


class CollectError(ValueError):
    """The zip cannot be collected; the message names the entry."""


def collect_zip(course: Course, archive: Path) -> list[tuple[str, str]]:
    """Extract ``archive`` into submitted/; returns the (student, assignment) pairs it held."""
    known = set(course.assignment_ids())
    with zipfile.ZipFile(archive) as bundle:
        members = [m for m in bundle.infolist() if not m.is_dir()]
        plan = []
        for member in members:
            parts = PurePosixPath(member.filename).parts
            if member.filename.startswith("/") or ".." in parts or len(parts) < 3:
                raise CollectError(
                    f"{member.filename!r}: expected <student_id>/<assignment_id>/<file> inside the zip"
                )
            if parts[1] not in known:
                raise CollectError(f"{member.filename!r}: unknown assignment {parts[1]!r}")
            plan.append((member, parts))
        pairs = sorted({(parts[0], parts[1]) for _, parts in plan})
        for student, assignment in pairs:
            shutil.rmtree(course.submission_dir(student, assignment), ignore_errors=True)
        for member, parts in plan:
            target = course.submitted.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, target.open("wb") as destination:
                shutil.copyfileobj(source, destination)
    return pairs
