"""Test cells run by the grader itself, against the learner's objects in the kernel.

For a lesson graded with the trusted verdict, ``GradingExecute`` does not send its test cells to
the learner's kernel. Each one runs here, in the grading process, in a namespace that holds

- the names the instructor's notebook imports and its test cells read (``numpy as np``,
  ``torch``, ``assert_close``, ...), imported here from the course's own modules;
- the names each test cell binds (they stay for later test cells, as in a notebook);
- the exercises the cell reads (``scalar_rnn_forward``, ``Encoder``, ...): looked up in the
  kernel before every cell, as ``autograder.remote`` objects or data.

No other name reaches a test cell (``test_guard_names`` checks that the tests read no others).
One kind of test code runs in the kernel instead: a function the cell marks
``@beside_the_learner`` (a training loop, a backward pass through a learner's module) is
defined there from its source text and called there; what it returns comes back as data, and
the cell checks it here.
What the cell prints, what the learner's code prints while it is called, and the test's
exception become the cell's outputs, as if the kernel had run it; nbgrader grades from those.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import io
import linecache
import textwrap
import threading
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Callable

from nbformat import NotebookNode
from nbformat.v4 import new_output

from .guard import RESTORE_LINE
from .guard_cells import Trusted, python_source
from .remote import Channel, LearnerError

BUILTIN_NAMES = frozenset(dir(builtins))
# A test helper decorated with a decorator of this name (the course's ``helpers.checks`` defines
# it as the identity) is defined and called in the learner's kernel when the grader runs the cell.
KERNEL_SIDE_DECORATOR = "beside_the_learner"
_SHIP = "__rnn_course_define_in_the_kernel__"


class Interrupted(BaseException):
    """The kernel died or a call ran past the cell's limit: ends the test cell at once.

    A BaseException, so that no ``except Exception`` in a test swallows it."""

    def __init__(self, kind: str, why: str):
        super().__init__(why)
        self.kind = kind


def _binds(node: ast.AST, bound: set[str]) -> None:
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        bound.add(node.id)
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        bound.add(node.name)
    elif isinstance(node, ast.arg):
        bound.add(node.arg)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    elif isinstance(node, ast.ExceptHandler) and node.name:
        bound.add(node.name)


_OWN_SCOPE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
              ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def cell_level_bound_names(code: str) -> set[str]:
    """The names the code binds in the cell's own (global) scope: not a function's parameters or
    locals, nor a comprehension's variables, which leave the notebook's names of the same spelling
    readable outside them."""
    bound: set[str] = set()
    pending = list(ast.iter_child_nodes(ast.parse(python_source(code))))
    while pending:
        node = pending.pop()
        _binds(node, bound)
        if not isinstance(node, _OWN_SCOPE):
            pending.extend(ast.iter_child_nodes(node))
    return bound


def bound_names(code: str) -> set[str]:
    """Every name the code binds anywhere (assignments, defs, imports, loop and ``as`` targets)."""
    bound: set[str] = set()
    for node in ast.walk(ast.parse(python_source(code))):
        _binds(node, bound)
    return bound


def read_names(code: str) -> set[str]:
    return {node.id for node in ast.walk(ast.parse(python_source(code)))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def free_names(code: str) -> set[str]:
    """Names the code reads that it never binds itself (a cell's view of the notebook's globals)."""
    return read_names(code) - bound_names(code)


def _decorator_name(expression: ast.expr) -> str:
    if isinstance(expression, ast.Attribute):
        return expression.attr
    return expression.id if isinstance(expression, ast.Name) else ""


def with_kernel_side_helpers(source: str, filename: str) -> ast.Module:
    """The cell's code, each function marked ``@beside_the_learner`` re-decorated to be defined in
    the kernel from its own source text (the ``def`` without its decorators)."""
    tree = ast.parse(source, filename)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        marked = [d for d in node.decorator_list if _decorator_name(d) == KERNEL_SIDE_DECORATOR]
        if not marked:
            continue
        text = textwrap.dedent(ast.get_source_segment(source, node, padded=True))
        ship = ast.Call(ast.Name(_SHIP, ast.Load()), [ast.Constant(text)], [])
        node.decorator_list = [ast.copy_location(ship, d) if d in marked else d for d in node.decorator_list]
    return ast.fix_missing_locations(tree)


def imported_modules(code: str) -> set[str]:
    """The modules an ``import`` statement anywhere in ``code`` names."""
    modules = set()
    for node in ast.walk(ast.parse(python_source(code))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def import_trusted(trusted: Trusted) -> dict:
    """The trusted names, imported in this (the grader's) process."""
    namespace = {}
    for name, (module_name, attribute) in trusted.items():
        module = importlib.import_module(module_name)
        namespace[name] = module if attribute is None else getattr(module, attribute)
    return namespace


class TrustedTests:
    """The grader's namespace for one notebook's test cells, and how to run one of them.

    The trusted names, and ``warm_modules`` (what the test cells import themselves, such as
    torch), are imported in a thread from the start, while the kernel starts and runs the
    learner's cells: importing torch takes seconds, and the grader would otherwise wait for it
    at the first test cell.
    """

    def __init__(self, trusted: Trusted, exercises: set[str], warm_modules: tuple[str, ...] = ()):
        self.exercises = exercises
        self.namespace = {"__name__": "__rnn_course_tests__", "__builtins__": builtins}
        self.runs = 0
        self._imported: dict = {}
        self._importing = threading.Thread(target=self._import, args=(trusted, warm_modules), daemon=True)
        self._importing.start()

    def _import(self, trusted: Trusted, warm_modules: tuple[str, ...]) -> None:
        for module in warm_modules:
            try:
                importlib.import_module(module)
            except ImportError:
                pass  # the test cell that imports it will say so
        self._imported = import_trusted(trusted)

    def _ready(self) -> None:
        if self._importing.is_alive() or self._imported:
            self._importing.join()
            self.namespace.update(self._imported)
            self._imported = {}

    def run(self, cell: NotebookNode, channel: Channel, kernel_output: Callable[[], list]) -> None:
        """Run test ``cell`` here; its outputs replace the cell's. ``kernel_output`` gives, and clears,
        what the kernel printed during the cell's requests: [(stream name, text)]."""
        source = cell.source
        if source.startswith(RESTORE_LINE):  # the in-kernel guard's line: nothing to restore here
            source = source[len(RESTORE_LINE):].lstrip("\n")
        self._ready()
        self.runs += 1
        filename = f"<test cell {cell.get('metadata', {}).get('nbgrader', {}).get('grade_id', self.runs)}>"
        stdout, stderr, error = io.StringIO(), io.StringIO(), None
        with redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                for name in sorted((read_names(source) - cell_level_bound_names(source)) & self.exercises):
                    self.namespace.pop(name, None)
                    try:
                        self.namespace[name] = channel.lookup(name)
                    except NameError:
                        pass  # the cell's own NameError says it, when it reads the name
                self.namespace[_SHIP] = lambda text: lambda function: channel.define(text, function.__name__)
                code = compile(with_kernel_side_helpers(source, filename), filename, "exec")
                linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
                exec(code, self.namespace)  # noqa: S102 -- the instructor's test code, never the learner's
            except Interrupted:
                raise
            except Exception as caught:  # noqa: BLE001 -- a failing test is a result, not a crash
                error = caught
        cell.outputs = _outputs(kernel_output(), stdout.getvalue(), stderr.getvalue())
        if error is not None:
            cell.outputs.append(_error_output(error, filename))


def _outputs(kernel_streams: list, stdout: str, stderr: str) -> list:
    streams = [*kernel_streams, ("stdout", stdout), ("stderr", stderr)]
    outputs: list = []
    for name, text in streams:
        if not text:
            continue
        if outputs and outputs[-1].name == name:
            outputs[-1].text += text
        else:
            outputs.append(new_output("stream", name=name, text=text))
    return outputs


def _error_output(error: Exception, filename: str) -> NotebookNode:
    ename = error.type_name if isinstance(error, LearnerError) else type(error).__name__
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == filename]
    lines = ["Traceback (most recent call last):"]
    lines += [f'  Test cell, line {frame.lineno}: {frame.line}' for frame in frames]
    if isinstance(error, LearnerError) and error.kernel_traceback:
        lines += ["In your code (the learner's kernel):", error.kernel_traceback.rstrip()]
    lines.append(f"{ename}: {error}")
    return new_output("error", ename=ename, evalue=str(error), traceback=lines)
