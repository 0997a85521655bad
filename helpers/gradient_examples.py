"""Matrices and gradients with known sizes, for lesson 01's exploding and vanishing gradients.

Each generator takes a ``seed`` and returns plain numpy arrays; the same seed gives the same
arrays on every machine.
"""

from __future__ import annotations

import numpy as np

__all__ = ["symmetric_matrix_with_top_singular_value", "random_gradients"]


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
