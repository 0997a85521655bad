"""Undo a submission's tampering with the tools the tests use, before every test cell runs.

Learner code runs in the same kernel as the tests, so it could redefine ``assert_close``,
patch ``numpy`` (``np.allclose = lambda *a, **k: True``) or swap a ``helpers`` module for a
fake, and pass every hidden test with a wrong answer. During ``nbgrader autograde`` the
``GuardTests`` preprocessor (set in nbgrader_config.py) therefore

1. inserts a first cell, run before any learner code, that takes a snapshot of the modules
   the tests rely on (numpy, torch, builtins, the ``helpers`` modules);
2. starts every test cell with ``restore(globals())``: each snapshotted module gets back its
   original attributes and its ``sys.modules`` entry, and the names the tests use are bound
   again to the originals; an exception handler installed with ``set_custom_exc`` is removed.

The names to restore are not listed here: ``guard_cells`` derives them, on the grader's side,
from the import statements of the instructor's own notebook (every cell but the solutions),
so ``np``, ``F``, ``assert_close`` or ``compare_gradients`` are trusted in the lessons that
import them, whatever a lesson imports next. Their modules are the ones watched.

Limits, honestly: this stops redefinitions and monkeypatching through the ordinary Python
names. It is not a sandbox. Code that knows this module can reach its snapshot (everything in
one process can be reached), and a check can be fooled by objects whose arithmetic lies,
though ``helpers.checks`` converts results to float arrays first. Evaluating graded
functions in a fresh process is the complete answer.
"""

from __future__ import annotations

import importlib
import os
import sys

GUARD_NAME = "_rnn_course_guard"
AGENT_NAME = "_rnn_course_agent"  # autograder.agent, for lessons graded with the trusted verdict
# Always watched: the interpreter's own modules and the numeric libraries every check computes
# with (helpers.checks compares through numpy even where a test cell never names it), and
# numeric submodules the tests reach through attributes (np.linalg.norm).
BASE_MODULES = ("builtins", "sys", "IPython", "numpy", "torch")
ATTRIBUTE_SUBMODULES = ("numpy.linalg", "numpy.random", "torch.nn", "torch.nn.functional", "torch.linalg")

_modules: dict[str, object] = {}
_attributes: dict[str, dict[str, object]] = {}
_trusted: dict[str, tuple[str, str | None]] = {}
_shell: list = []


def watched_modules(trusted: dict[str, tuple[str, str | None]]) -> list[str]:
    """The modules to snapshot: the base ones, every module a trusted name comes from, and its parents."""
    names = list(BASE_MODULES)
    for module, _ in trusted.values():
        parts = module.split(".")
        names += [".".join(parts[:end]) for end in range(1, len(parts) + 1)]
    names += list(ATTRIBUTE_SUBMODULES)
    return list(dict.fromkeys(names))


def snapshot(trusted: dict[str, tuple[str, str | None]]) -> None:
    """Remember the watched modules and their attributes (call before any learner code).

    trusted: {name a test reads: (module, attribute or None for the module itself)}.
    """
    _trusted.update(trusted)
    for name in watched_modules(trusted):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        _modules[name] = module
        _attributes[name] = dict(vars(module))
    try:
        from IPython import get_ipython
        _shell[:] = [get_ipython()]
    except ImportError:
        pass
    # A forked copy of the kernel would answer the grader on the kernel's own sockets (and a
    # fork bomb would fill the process limit): a child made by os.fork leaves at once.
    os.register_at_fork(after_in_child=_leave_forked_child)


def _leave_forked_child() -> None:
    os._exit(0)


def restore(namespace: dict) -> None:
    """Put the watched modules back as they were, and rebind the tests' names in ``namespace``."""
    for name, module in _modules.items():
        sys.modules[name] = module
        current = vars(module)
        for attribute, original in _attributes[name].items():
            if current.get(attribute, _MISSING) is not original:
                setattr(module, attribute, original)
    for shell in _shell:
        if shell is not None:
            # a handler set with set_custom_exc could swallow a failing test's exception
            shell.custom_exceptions = ()
            shell.CustomTB = None
    for name, (module_name, attribute) in _trusted.items():
        if name in namespace and module_name in _modules:
            module = _modules[module_name]
            if attribute is None:
                namespace[name] = module
            elif attribute in _attributes[module_name]:
                namespace[name] = _attributes[module_name][attribute]


_MISSING = object()

SNAPSHOT_HEADER = "# Added by the autograder before your code runs (see autograder/guard.py).\n"


def snapshot_cell(trusted: dict[str, tuple[str, str | None]]) -> str:
    """The first cell of a notebook being graded: the snapshot, with the names to trust."""
    return f"{SNAPSHOT_HEADER}import autograder.guard as {GUARD_NAME}\n{GUARD_NAME}.snapshot({trusted!r})"
RESTORE_LINE = f"{GUARD_NAME}.restore(globals())  # added by the autograder"
