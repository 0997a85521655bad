"""Use your own functions from an earlier lesson's notebook in a later one.

Lesson 05 checks that ``torch.nn.LSTM`` computes what *your* lesson-03 ``lstm_forward``
computes. Rather than pasting that code again, :func:`functions_from_lesson` reads the
earlier notebook next to the current one (``../03_lstm/03_lstm.ipynb``) and runs only its
imports and function and class definitions: no training cell, no test cell runs again.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

__all__ = ["LessonNotReady", "lesson_notebook", "functions_from_lesson"]


class LessonNotReady(Exception):
    """The earlier lesson's notebook is missing, or does not define what is needed."""


def lesson_notebook(lesson: str, here: Path | None = None) -> Path:
    """Where lesson ``lesson``'s notebook sits beside the current lesson's folder."""
    here = Path.cwd() if here is None else Path(here)
    return here.parent / lesson / f"{lesson}.ipynb"


def _definitions(source: str) -> list[ast.stmt]:
    """The imports, function and class definitions of one code cell (magics dropped)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    keep = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    return [node for node in tree.body if isinstance(node, keep)]


def functions_from_lesson(lesson: str, names, here: Path | None = None) -> dict:
    """``{name: function or class}`` for each of ``names`` defined in an earlier lesson's notebook.

    Raises LessonNotReady, with what to do, when the notebook is missing or does not
    define one of the names. The functions run exactly as written there, so an
    unfinished one still raises NotImplementedError when called.
    """
    path = lesson_notebook(lesson, here)
    try:
        notebook = nbformat.read(str(path), as_version=4)
    except OSError as error:  # missing, or not readable here (the autograder's sandbox shows one lesson)
        raise LessonNotReady(f"{path} could not be read ({error.strerror}): work through lesson "
                             f"{lesson} first (this check reuses your functions from it).") from None
    body = [node for cell in notebook.cells if cell.cell_type == "code"
            for node in _definitions(cell.source)]
    namespace: dict = {"__name__": f"lesson_{lesson}"}
    exec(compile(ast.Module(body=body, type_ignores=[]), str(path), "exec"), namespace)
    missing = [name for name in names if not callable(namespace.get(name))]
    if missing:
        raise LessonNotReady(f"{path.name} does not define {', '.join(missing)}.")
    return {name: namespace[name] for name in names}
