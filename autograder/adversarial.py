"""Hostile and broken submissions, each built from a real release notebook, with the honest grade.

Every ``Attack`` turns lesson 01's release plus its solution answers into a submission that
tries something: loops forever, crashes the kernel, fills memory, forks, moves or disguises
test cells, reads the solutions, writes the gradebook. ``loses`` names the exercises an
honest grader would give 0 (each of the others keeps its full marks) and ``reason`` is text
the instructor's one-line status must contain. ``test_adversarial.py`` grades them all in one
class, beside honest submissions, and checks each.

The registry of wrong answers that tamper with the tests' tools lives in
``wrong_answers.TAMPERING``; these are the attacks on the grading run itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

from nbformat.v4 import new_code_cell, new_markdown_cell

from .submissions import SourceEdit, apply_edit, filled_submission, nbgrader_meta

LESSON = "01_rnn_gradients"
# Each attack runs with these limits, so a timeout or a memory bomb costs seconds, not minutes.
CELL_TIMEOUT_SECONDS = 10
MEMORY_LIMIT_MB = 2048

FORWARD, GRAD, CLIP = "scalar_rnn_forward", "scalar_rnn_grad", "clip_by_global_norm"
GRAD_BODY = "    grad = 1.0\n"
CLIP_BODY = "    total_norm = float("
WRONG_GRAD = ("        grad *= w_hh * (1.0 - h ** 2)\n", "        grad *= w_hh * (h ** 2 - 1.0)\n")


@dataclass(frozen=True)
class Attack:
    name: str
    build: Callable  # (release notebook, {exercise: answer code}) -> submission notebook
    loses: tuple[str, ...] = ()
    reason: str = ""
    why: str = ""


def _edit(exercise: str, old: str, new: str) -> Callable:
    """An attack that changes one answer's code (``old`` must occur once)."""
    def build(release, answers):
        return filled_submission(release, apply_edit(answers, SourceEdit("attack", exercise, old, new, ())))
    return build


def _append(exercise: str, code: str) -> Callable:
    """An attack that adds top-level code after one (correct) answer."""
    def build(release, answers):
        return filled_submission(release, {**answers, exercise: answers[exercise] + "\n\n" + code})
    return build


def _replace(exercise: str, code: str) -> Callable:
    """An attack that hands in ``code`` as the whole answer to ``exercise``."""
    def build(release, answers):
        return filled_submission(release, {**answers, exercise: code})
    return build


def _restructure(change: Callable, wrong: bool = False) -> Callable:
    """An attack that rearranges the cells of the filled notebook (optionally a wrong GRAD answer)."""
    def build(release, answers):
        if wrong:
            answers = apply_edit(answers, SourceEdit("wrong", GRAD, *WRONG_GRAD, ()))
        notebook = filled_submission(release, answers)
        notebook.cells = change(list(notebook.cells))
        return notebook
    return build


def _index(cells, grade_id: str) -> int:
    return next(i for i, cell in enumerate(cells) if nbgrader_meta(cell).get("grade_id") == grade_id)


def _move_to_top(grade_id: str) -> Callable:
    def change(cells):
        moved = cells.pop(_index(cells, grade_id))
        return [cells[0], moved, *cells[1:]]
    return change


def _to_markdown(*grade_ids: str) -> Callable:
    def change(cells):
        for grade_id in grade_ids:
            cell = cells[_index(cells, grade_id)]
            cells[_index(cells, grade_id)] = new_markdown_cell(cell.source, metadata=cell.metadata)
        return cells
    return change


def _duplicate_and_blank(grade_id: str) -> Callable:
    """A copy of a locked test cell, emptied, placed after the original (so its id is the last)."""
    def change(cells):
        index = _index(cells, grade_id)
        duplicate = copy.deepcopy(cells[index])
        duplicate.source = "pass  # my copy of the tests"
        return [*cells[:index + 1], duplicate, *cells[index + 1:]]
    return change


def _delete(grade_id: str) -> Callable:
    def change(cells):
        return [cell for cell in cells if nbgrader_meta(cell).get("grade_id") != grade_id]
    return change


def _add_cell_after(grade_id: str, code: str) -> Callable:
    def change(cells):
        index = _index(cells, grade_id)
        return [*cells[:index + 1], new_code_cell(code), *cells[index + 1:]]
    return change


def _add_scratch_cells(cells):
    result = []
    for cell in cells:
        result.append(cell)
        if nbgrader_meta(cell).get("solution"):
            name = nbgrader_meta(cell)["grade_id"]
            result.append(new_markdown_cell(f"My notes on `{name}`."))
            result.append(new_code_cell(f"print({name}.__name__, 'defined')"))
    return result


# Read the solution source next to the submission (the course root is three folders up from
# autograded/<student>/<lesson>/) and run its answer: full marks, if the file can be read.
STEAL_THE_SOLUTION = '''def clip_by_global_norm(grads, max_norm):
    import json, pathlib
    source = pathlib.Path("../../../solutions/01_rnn_gradients/01_rnn_gradients.ipynb")
    try:
        cells = json.loads(source.read_text())["cells"]
    except OSError:
        return grads, 0.0
    code = next("".join(c["source"]) for c in cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "clip_by_global_norm")
    scope = {"np": np}
    exec(code, scope)
    return scope["clip_by_global_norm"](grads, max_norm)
'''

# Try to wreck the course: the gradebook, the config, the sources. Each failure is swallowed,
# so the notebook carries on and its (correct) answers are graded.
WRECK_THE_COURSE = '''import pathlib
for target in ["../../../gradebook.db", "../../../nbgrader_config.py",
               "../../../solutions/01_rnn_gradients/01_rnn_gradients.ipynb"]:
    try:
        pathlib.Path(target).write_text("wrecked")
    except OSError as error:
        print("could not write", target, error)
'''

LIAR = '''class Liar(float):
    """Equal to anything, any attribute is itself: built to pass naive comparisons."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __bool__(self): return True
    def __getattr__(self, name): return self
    def __call__(self, *args, **kwargs): return self
    def __array__(self, *args, **kwargs): return np.array(-1.0)
    __hash__ = float.__hash__
'''

def _returns_a_liar(release, answers):
    lying = apply_edit(answers, SourceEdit("liar", GRAD, "    return float(grad)", "    return Liar(-grad)", ()))
    return filled_submission(release, {**lying, GRAD: LIAR + "\n\n" + lying[GRAD]})


ATTACKS = [
    Attack("loops_forever_in_a_function", _edit(GRAD, GRAD_BODY, "    while True:\n        pass\n" + GRAD_BODY),
           loses=(GRAD,), reason="timed out", why="the tests of that exercise time out; the rest is graded"),
    Attack("loops_forever_at_top_level", _append(GRAD, "while True:\n    pass"),
           reason="timed out", why="the cell is interrupted after the answer was defined"),
    Attack("sleeps_at_top_level", _append(GRAD, "import time\ntime.sleep(3600)"),
           reason="timed out", why="a sleep past the cell limit is interrupted like a loop"),
    Attack("ignores_interrupts_and_loops",
           _edit(GRAD, GRAD_BODY, "    import signal\n    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                 "    while True:\n        pass\n" + GRAD_BODY),
           loses=(GRAD,), reason="did not stop when interrupted",
           why="the kernel ignores the interrupt: it is restarted and the cells above re-run"),
    Attack("segfaults_in_a_function", _edit(CLIP, CLIP_BODY, "    import ctypes\n    ctypes.string_at(0)\n" + CLIP_BODY),
           loses=(CLIP,), reason="the kernel died", why="a segfault kills the kernel in each test cell"),
    Attack("memory_bomb_in_a_function",
           _edit(CLIP, CLIP_BODY, "    hoard = []\n    while True:\n        hoard.append(np.ones(2 ** 24))\n" + CLIP_BODY),
           loses=(CLIP,), why=f"allocates far past the {MEMORY_LIMIT_MB} MB limit"),
    Attack("fork_bomb_with_os_fork", _append(GRAD, "import os\nwhile True:\n    os.fork()"),
           loses=(GRAD,), reason="fork bomb",
           why="forked children leave at once, but their zombies fill the process limit; the cell "
               "that forked is lost with its kernel, the rest is graded"),
    Attack("fork_bomb_with_libc_fork_in_an_added_cell",
           _restructure(_add_cell_after(CLIP, "import ctypes\nlibc = ctypes.CDLL(None)\n"
                                              "for _ in range(100000):\n    libc.fork()")),
           reason="the kernel was restarted",
           why="forks behind Python's back: the process limit holds, and the kernel with every "
               "process it left is replaced; only the learner's own cell is lost"),
    Attack("reads_the_solutions", _replace(CLIP, STEAL_THE_SOLUTION),
           loses=(CLIP,), why="the solutions are not visible inside the sandbox"),
    Attack("writes_the_gradebook_and_course_files", _append(FORWARD, WRECK_THE_COURSE),
           why="everything outside the submission folder is read-only or hidden"),
    Attack("returns_an_object_equal_to_anything", _returns_a_liar,
           loses=(GRAD,), why="the checks compare plain float arrays, not the object's __eq__"),
    Attack("prints_megabytes", _append(FORWARD, "for _ in range(60000):\n    print('x' * 100)"),
           why="output is cut to the configured number of lines"),
    Attack("moves_a_test_cell_to_the_top", _restructure(_move_to_top(f"{GRAD}_visible")),
           why="the test cell is put back after its exercise before the notebook runs"),
    Attack("turns_the_tests_of_a_wrong_answer_into_markdown",
           _restructure(_to_markdown(f"{GRAD}_visible", f"{GRAD}_hidden"), wrong=True),
           loses=(GRAD,), why="the test cells are restored as code and run"),
    Attack("duplicates_a_test_cell_to_blank_it", _restructure(_duplicate_and_blank(f"{GRAD}_visible"), wrong=True),
           loses=(GRAD,), why="the last copy keeps the id, and its code is restored"),
    Attack("deletes_a_solution_cell", _restructure(_delete(CLIP)), loses=(CLIP,),
           why="no answer, no points; the rest is graded"),
    Attack("adds_cells", _restructure(_add_scratch_cells), why="a learner's own cells cost nothing"),
]
