"""Layers the lessons use but do not grade: the output projection and sampling.

Shapes follow the course convention: batch first, row vectors, ``x @ W + b``.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "temporal_affine_forward",
    "temporal_affine_backward",
    "softmax",
    "sample_index",
    "softmax_cross_entropy",
]


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


def softmax_cross_entropy(scores, targets):
    """Mean cross-entropy of softmax(scores) over every position, and its gradient.

    scores: (..., V)   targets: (...) ints.   Returns loss (float), dscores (..., V).
    (Lesson 02 builds the masked version of this, temporal_softmax_loss; later lessons use
    this one so that they do not depend on a learner's earlier answer.)
    """
    log_probs = scores - scores.max(axis=-1, keepdims=True)
    log_probs = log_probs - np.log(np.exp(log_probs).sum(axis=-1, keepdims=True))
    targets = np.asarray(targets)[..., None]
    count = targets.size
    loss = -np.take_along_axis(log_probs, targets, axis=-1).sum() / count
    dscores = np.exp(log_probs)
    np.put_along_axis(dscores, targets, np.take_along_axis(dscores, targets, axis=-1) - 1, axis=-1)
    return float(loss), dscores / count
