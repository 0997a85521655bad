"""Layers the lessons use but do not grade: the output projection and sampling.

Shapes follow the course convention: batch first, row vectors, ``x @ W + b``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["temporal_affine_forward", "temporal_affine_backward", "softmax", "sample_index"]


def temporal_affine_forward(h, W, b):
    """Project every time step: h (N, T, H), W (H, V), b (V,) -> scores (N, T, V), cache."""
    return h @ W + b, (h, W)


def temporal_affine_backward(dscores, cache):
    """dscores (N, T, V) -> dh (N, T, H), dW (H, V), db (V,)."""
    h, W = cache
    N, T, H = h.shape
    dh = dscores @ W.T
    dW = h.reshape(N * T, H).T @ dscores.reshape(N * T, -1)
    db = dscores.sum(axis=(0, 1))
    return dh, dW, db


def softmax(scores, axis: int = -1):
    """Probabilities along ``axis``; subtracting the max keeps exp from overflowing."""
    shifted = scores - np.max(scores, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def sample_index(scores, temperature: float, rng: np.random.Generator) -> int:
    """Draw one index from softmax(scores / temperature); temperature 0 means argmax.

    Low temperatures sharpen the distribution (safe, repetitive text); high ones flatten it
    (varied, error-prone text).
    """
    scores = np.asarray(scores, dtype=float).ravel()
    if temperature <= 0:
        return int(np.argmax(scores))
    probs = softmax(scores / temperature)
    return int(rng.choice(len(probs), p=probs))
