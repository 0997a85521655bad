"""Deterministic data generators: the same seed gives the same data on every machine.

Each generator takes a ``seed`` and returns plain numpy arrays. Later lessons add their
data sets here (character corpora, time series, addition and date problems).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

__all__ = [
    "symmetric_matrix_with_top_singular_value",
    "random_gradients",
    "CORPUS_MODULES",
    "python_source_corpus",
]

# Standard-library modules whose source makes the character-level corpus: plain, varied
# Python present in every CPython since 3.8. Read from the learner's own interpreter.
CORPUS_MODULES = (
    "textwrap", "fractions", "heapq", "bisect", "colorsys", "shlex", "string", "difflib",
    "fnmatch", "glob", "queue", "statistics", "calendar", "random", "functools", "pprint",
)


def symmetric_matrix_with_top_singular_value(size: int, top: float, seed: int = 0) -> np.ndarray:
    """A random symmetric (size, size) matrix whose largest singular value is exactly ``top``.

    The eigenvalues are spread over [-top, top] with ``top`` itself among them. Being
    symmetric, the matrix's singular values are the absolute values of its eigenvalues, so
    ``||W^k|| = top**k`` exactly: powers of it grow or shrink at a rate a learner can predict.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((size, size)))
    eigenvalues = rng.uniform(-abs(top), abs(top), size)
    eigenvalues[0] = top
    return (basis * eigenvalues) @ basis.T


def random_gradients(shapes, scale: float = 1.0, seed: int = 0) -> list[np.ndarray]:
    """A list of standard-normal arrays times ``scale``, one per shape (a model's gradients)."""
    rng = np.random.default_rng(seed)
    return [scale * rng.standard_normal(shape) for shape in shapes]


def _module_source(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return ""
    return Path(spec.origin).read_text(encoding="utf-8", errors="replace")


def python_source_corpus(max_chars: int = 300_000, modules=CORPUS_MODULES) -> str:
    """Source code of standard-library modules, concatenated, as plain ASCII text.

    Read at run time from the Python that runs the notebook (nothing is downloaded or
    stored in the course). Tabs become four spaces and any non-ASCII character becomes
    "?", so the vocabulary stays under 100 characters. The same Python version gives the
    same text; returns at most ``max_chars`` characters.
    """
    pieces, total = [], 0
    for name in modules:
        text = _module_source(name).replace("\t", "    ")
        text = "".join(ch if (32 <= ord(ch) < 127 or ch == "\n") else "?" for ch in text)
        pieces.append(text)
        total += len(text)
        if total >= max_chars:
            break
    corpus = "\n".join(pieces)[:max_chars]
    if not corpus:
        raise RuntimeError("none of the corpus modules' sources could be read from this Python")
    return corpus
