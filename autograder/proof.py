"""A lesson's grading proof: everything about one lesson that the tests and the benchmark use,
in one file beside its notebook, ``solutions/<id>/proof.py``.

The grading engine (``autograder``) never names a lesson. Each lesson's proof file defines
``PROOF = LessonProof(...)``: its wrong answers (each must lose exactly its points), its right
answers written differently from the solution (each must keep every point), its tampering
edits, its benchmark figures and runtime target, and the roles the lesson plays for the
course-wide suites (the lesson the adversarial suite attacks, the one the throughput bench
grades, ...). Adding a lesson is its solution notebook, its proof file and its row in the
README's table; nbgrader never releases the proof file (``CourseDirectory.ignore``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .course import Course
from .submissions import SourceEdit

__all__ = ["LessonProof", "SourceEdit", "PROOF_FILE", "EXAMPLE", "MACHINERY", "THROUGHPUT",
           "load_proof", "lesson_proofs", "lessons_with_role", "lesson_with_role", "MissingProof"]

PROOF_FILE = "proof.py"

# Roles a lesson can play beyond its own proof (each is held by exactly one lesson):
# the lesson the end-to-end tests (browser, collecting, resume, PostgreSQL) use as their example;
EXAMPLE = "example"
# carries the checks of the grading machinery that cost a full nbgrader run each (deleted and
# edited test cells, a dying kernel); a numpy lesson and a PyTorch lesson may both carry it;
MACHINERY = "machinery"
# graded as a synthetic class of 40 in `make bench` (1, 2 and 4 workers).
THROUGHPUT = "throughput"
ROLES = (EXAMPLE, MACHINERY, THROUGHPUT)
DEFAULT_RUNTIME_TARGET_SECONDS = 90.0
# The proof's submissions that hold right answers, one per exercise each: right_answers_1, ...
RIGHT_ANSWERS_STUDENT = "right_answers_{}"


class MissingProof(FileNotFoundError):
    """A lesson without its proof file, or a proof file without ``PROOF``."""


@dataclass(frozen=True)
class LessonProof:
    """What the grading proof and the benchmark know about one lesson.

    wrong_answers: each loses exactly the points of the exercises in its ``loses``.
    right_answers: correct answers written differently from the solution; each keeps every point.
    warning_answer: a correct answer that writes a warning to stderr: keeps every point, and
        without nbgrader's IgnorePattern it would not (proving the configuration matters).
    tampering: wrong answers that also attack the tests' tools; the guard makes each lose.
    slow_answer: a correct answer too slow for a short cell limit: loses only its exercise.
    attacks: ``adversarial.Attack``s on the grading run itself, built from this lesson.
    runtime_target_seconds: the longest `make bench` accepts for the notebook, top to bottom.
    quality_probe: a Python expression evaluated in the notebook's kernel after it ran,
        giving a dict of figures for `make bench` (accuracies, perplexities, seconds).
    extra_bench: called by `make bench` with the solution's namespace (its set-up and graded
        functions); returns a dict of figures and prints what it measured.
    roles: which of ``ROLES`` the lesson plays.
    trusted_verdict: the test cells run in the grading process, against the learner's objects in
        the kernel (``autograder.trusted_cells``), instead of in the learner's kernel.
    """

    wrong_answers: tuple[SourceEdit, ...] = ()
    right_answers: tuple[SourceEdit, ...] = ()
    warning_answer: SourceEdit | None = None
    tampering: tuple[SourceEdit, ...] = ()
    slow_answer: SourceEdit | None = None
    attacks: tuple = ()
    runtime_target_seconds: float = DEFAULT_RUNTIME_TARGET_SECONDS
    quality_probe: str | None = None
    extra_bench: Callable[[dict], dict] | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    trusted_verdict: bool = False

    def __post_init__(self):
        unknown = set(self.roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}; the roles are {ROLES}")

    def graded_edits(self) -> list[SourceEdit]:
        """Every edit the grading proof grades, in this order."""
        extra = [self.warning_answer] if self.warning_answer else []
        return [*self.wrong_answers, *self.right_answers, *extra, *self.tampering]

    def graded_submissions(self) -> dict[str, tuple[SourceEdit, ...]]:
        """Each submission the grading proof writes from these edits: student id -> its edits.

        A wrong answer, the warning answer and a tampering edit are a submission each: each must
        lose exactly its own points. Right answers share submissions: the k-th right answer of
        every exercise goes into ``right_answers_k``, so a submission holds at most one answer per
        exercise and keeps full marks only if every answer in it keeps its exercise's points
        (nine lessons' 81 right answers grade as 21 submissions instead of 81).
        """
        alone = [*self.wrong_answers, *([self.warning_answer] if self.warning_answer else []), *self.tampering]
        submissions = {edit.name: (edit,) for edit in alone}
        packs: list[list[SourceEdit]] = []
        taken: dict[str, int] = {}
        for edit in self.right_answers:
            k = taken.get(edit.exercise, 0)
            taken[edit.exercise] = k + 1
            if k == len(packs):
                packs.append([])
            packs[k].append(edit)
        for k, pack in enumerate(packs, start=1):
            submissions[RIGHT_ANSWERS_STUDENT.format(k)] = tuple(pack)
        return submissions

    def student_of(self, edit: SourceEdit) -> str:
        """The proof submission that holds ``edit``."""
        return next(student for student, edits in self.graded_submissions().items() if edit in edits)


_loaded: dict[Path, LessonProof] = {}


def proof_path(course: Course, assignment: str) -> Path:
    return course.source / assignment / PROOF_FILE


def load_proof(course: Course, assignment: str) -> LessonProof:
    """``PROOF`` from ``solutions/<assignment>/proof.py`` of ``course``."""
    path = proof_path(course, assignment).resolve()
    if path not in _loaded:
        if not path.is_file():
            raise MissingProof(f"{assignment} has no {PROOF_FILE} beside its notebook ({path}); "
                               f"every lesson needs one: see the README's 'Adding a lesson'")
        spec = importlib.util.spec_from_file_location(f"_rnn_course_proof_{assignment}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        proof = getattr(module, "PROOF", None)
        if not isinstance(proof, LessonProof):
            raise MissingProof(f"{path} must define PROOF = LessonProof(...)")
        _loaded[path] = proof
    return _loaded[path]


def lesson_proofs(course: Course) -> dict[str, LessonProof]:
    """Every lesson's proof, in course order."""
    return {assignment: load_proof(course, assignment) for assignment in course.assignment_ids()}


def lessons_with_role(course: Course, role: str) -> list[str]:
    return [assignment for assignment, proof in lesson_proofs(course).items() if role in proof.roles]


def lesson_with_role(course: Course, role: str) -> str:
    """The one lesson that plays ``role`` (the first in course order if several do)."""
    lessons = lessons_with_role(course, role)
    if not lessons:
        raise MissingProof(f"no lesson's proof file has the role {role!r}")
    return lessons[0]
