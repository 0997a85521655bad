"""Undo a submission's tampering with the tools the tests use, before every test cell runs.

Learner code runs in the same kernel as the tests, so it could redefine ``assert_close``,
patch ``numpy`` (``np.allclose = lambda *a, **k: True``) or swap a ``helpers`` module for a
fake, and pass every hidden test with a wrong answer. During ``nbgrader autograde`` the
``GuardTests`` preprocessor (set in nbgrader_config.py) therefore

1. inserts a first cell, run before any learner code, that takes a snapshot of the modules
   the tests rely on (numpy, torch, builtins, the ``helpers`` modules);
2. starts every test cell with ``restore(globals())``: each snapshotted module gets back its
   original attributes and its ``sys.modules`` entry, and the names the tests use
   (``np``, ``torch``, ``F``, ``nn``, the ``helpers.checks`` assertions) are bound again to
   the originals; an exception handler installed with ``set_custom_exc`` is removed.

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
WATCHED_MODULES = (
    "builtins", "sys", "IPython", "numpy", "numpy.linalg", "numpy.random", "torch", "torch.nn", "torch.nn.functional",
    "helpers.checks", "helpers.gradcheck", "helpers.gradient_examples", "helpers.source_corpus", "helpers.series",
    "helpers.token_tasks", "helpers.translation_pairs", "helpers.batches", "helpers.standins", "helpers.translation",
    "helpers.layers", "helpers.text",
)
# Names a test cell reads from the notebook's globals, and where their originals live.
TRUSTED_NAMES = {
    "np": ("numpy", None), "torch": ("torch", None), "nn": ("torch.nn", None),
    "F": ("torch.nn.functional", None),
    "assert_close": ("helpers.checks", "assert_close"), "assert_shape": ("helpers.checks", "assert_shape"),
    "assert_finite": ("helpers.checks", "assert_finite"), "check": ("helpers.checks", "check"),
    "CheckFailed": ("helpers.checks", "CheckFailed"),
    "assert_unchanged": ("helpers.checks", "assert_unchanged"),
}

_modules: dict[str, object] = {}
_attributes: dict[str, dict[str, object]] = {}
_shell: list = []


def snapshot() -> None:
    """Remember the watched modules and their attributes (call before any learner code)."""
    for name in WATCHED_MODULES:
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
    for name, (module_name, attribute) in TRUSTED_NAMES.items():
        if name in namespace and module_name in _modules:
            module = _modules[module_name]
            namespace[name] = module if attribute is None else _attributes[module_name][attribute]


_MISSING = object()

SNAPSHOT_CELL = (f"# Added by the autograder before your code runs (see autograder/guard.py).\n"
                 f"import autograder.guard as {GUARD_NAME}\n{GUARD_NAME}.snapshot()")
RESTORE_LINE = f"{GUARD_NAME}.restore(globals())  # added by the autograder"
