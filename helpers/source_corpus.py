"""The character-level corpus of lessons 02 and 03: the standard library's own Python source.

Read at run time from the Python that runs the notebook, so nothing is downloaded or stored
in the course ("the RNN learns to write code").
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["CORPUS_MODULES", "python_source_corpus"]

# Standard-library modules whose source makes the corpus: plain, varied Python present in
# every CPython since 3.8.
CORPUS_MODULES = (
    "textwrap", "fractions", "heapq", "bisect", "colorsys", "shlex", "string", "difflib",
    "fnmatch", "glob", "queue", "statistics", "calendar", "random", "functools", "pprint",
)


def _module_source(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return ""       # a module built into this interpreter has no source to read
    return Path(spec.origin).read_text(encoding="utf-8", errors="replace")


def python_source_corpus(max_chars: int = 300_000, modules=CORPUS_MODULES) -> str:
    """Source code of standard-library modules, concatenated, as plain ASCII text.

    Tabs become four spaces and any non-ASCII character becomes "?", so the vocabulary stays
    under 100 characters. The same Python version gives the same text; returns at most
    ``max_chars`` characters.
    """
    pieces, total = [], 0
    for name in modules:
        text = _module_source(name).replace("\t", "    ")
        text = "".join(ch if (32 <= ord(ch) < 127 or ch == "\n") else "?" for ch in text)
        pieces.append(text)
        total += len(text)
        if total >= max_chars:
            break
    if not any(pieces):     # the joined text would be only newlines, a corpus of nothing
        raise RuntimeError("none of the corpus modules' sources could be read from this Python")
    return "\n".join(pieces)[:max_chars]
