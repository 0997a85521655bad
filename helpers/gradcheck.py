"""Numerical gradients, relative errors and a readable gradient-check report.

The checker never touches the caller's array: every evaluation gets a fresh perturbed copy.
(A well-known course checker passes by accident because it perturbs the array in place and
the function under test reads the same array through a closure.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

__all__ = [
    "numerical_gradient",
    "numerical_gradient_of_output",
    "relative_error",
    "GradientComparison",
    "compare_gradients",
    "gradient_report",
]


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    f: takes an array shaped like x, returns a number.
    x: array of any shape (converted to float64; the caller's array is never modified).
    Returns an array shaped like x with (f(x + h e_i) - f(x - h e_i)) / 2h in entry i.
    """
    point = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        plus = point.copy()
        plus[index] += h
        minus = point.copy()
        minus[index] -= h
        grad[index] = (float(f(plus)) - float(f(minus))) / (2 * h)
    return grad


def numerical_gradient_of_output(
    f: Callable[[np.ndarray], np.ndarray], x, upstream, h: float = 1e-5
) -> np.ndarray:
    """Gradient of ``sum(f(x) * upstream)`` with respect to ``x``.

    This is what a backward pass computes when ``upstream`` is the gradient flowing into
    f's output: the vector-Jacobian product.
    f: array shaped like x -> array shaped like upstream.
    """
    upstream = np.array(upstream, dtype=np.float64, copy=True)
    return numerical_gradient(lambda point: np.sum(np.asarray(f(point)) * upstream), x, h)


def relative_error(a, b) -> float:
    """Largest entrywise ``|a - b| / max(|a| + |b|, 1e-8)``: about 1e-7 or less means agreement."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare shapes {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


@dataclass(frozen=True)
class GradientComparison:
    """One row of a gradient check: an analytic gradient against its numerical estimate."""

    name: str
    exact: bool
    approximate: bool
    max_abs_diff: float
    relative_error: float

    def line(self) -> str:
        verdict = "exact" if self.exact else ("approx" if self.approximate else "WRONG")
        return (
            f"{self.name:<12s} {verdict:<7s} max abs diff {self.max_abs_diff:9.2e}"
            f"   relative error {self.relative_error:9.2e}"
        )


def compare_gradients(name: str, analytic, numeric, tolerance: float = 1e-6) -> GradientComparison:
    """Compare an analytic gradient with a numerical one (``tolerance`` on relative error)."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = np.asarray(numeric, dtype=np.float64)
    if analytic.shape != numeric.shape:
        raise ValueError(
            f"{name}: the analytic gradient has shape {analytic.shape} but the numerical one "
            f"{numeric.shape}; a gradient has the shape of the thing it is taken with respect to"
        )
    error = relative_error(analytic, numeric)
    return GradientComparison(
        name=name,
        exact=bool(np.array_equal(analytic, numeric)),
        approximate=error <= tolerance,
        max_abs_diff=float(np.max(np.abs(analytic - numeric))) if analytic.size else 0.0,
        relative_error=error,
    )


def gradient_report(comparisons: Iterable[GradientComparison]) -> str:
    """A table with one line per gradient; print it in the notebook."""
    return "\n".join(comparison.line() for comparison in comparisons)
