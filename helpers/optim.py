"""Optimisers for the numpy models, with gradient clipping by global norm built in."""

from __future__ import annotations

import numpy as np

__all__ = ["Adam"]


class Adam:
    """Adam (Kingma & Ba, 2015) over a dict of numpy parameters, updated in place.

    params: {name: array}.  ``step(grads)`` takes {name: gradient} with the same keys,
    first clips the whole set to global norm ``clip_norm`` (keeping its direction, as in
    lesson 01), and returns the norm measured before clipping.
    """

    def __init__(self, params: dict, lr: float = 1e-2, betas=(0.9, 0.999), eps: float = 1e-8,
                 clip_norm: float | None = 5.0):
        self.params, self.lr, self.betas, self.eps, self.clip_norm = params, lr, betas, eps, clip_norm
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict) -> float:
        missing = self.params.keys() - grads.keys()
        if missing:
            raise KeyError(f"no gradient for parameter(s) {sorted(missing)}")
        norm = float(np.sqrt(sum(np.sum(np.square(grads[k])) for k in self.params)))
        scale = 1.0 if self.clip_norm is None else self.clip_norm / max(norm, self.clip_norm)
        self.t += 1
        beta1, beta2 = self.betas
        for key, param in self.params.items():
            g = grads[key] * scale
            self.m[key] = beta1 * self.m[key] + (1 - beta1) * g
            self.v[key] = beta2 * self.v[key] + (1 - beta2) * g * g
            m_hat = self.m[key] / (1 - beta1 ** self.t)
            v_hat = self.v[key] / (1 - beta2 ** self.t)
            param -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return norm
