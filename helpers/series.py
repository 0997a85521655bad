"""Time series and the windows cut from them, for lesson 05's regression.

A periodic series, which a recurrent model can forecast, and a random walk, which nothing can
forecast better than its last value. The same seed gives the same series on every machine.
"""

from __future__ import annotations

import numpy as np

__all__ = ["periodic_series", "random_walk", "sliding_windows"]


def periodic_series(length: int, seed: int = 0, noise: float = 0.1) -> np.ndarray:
    """A noisy sum of three periodic signals, shape (length,), float32.

    Periods 24, 60 and 7.5 steps with random phases (from ``seed``), plus Gaussian noise of
    standard deviation ``noise``: predictable a few steps ahead by anything that has seen
    enough of the recent past, but not by repeating the last value.
    """
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    phases = rng.uniform(0, 2 * np.pi, 3)
    clean = (np.sin(2 * np.pi * t / 24 + phases[0]) + 0.5 * np.sin(2 * np.pi * t / 60 + phases[1])
             + 0.3 * np.sin(2 * np.pi * t / 7.5 + phases[2]))
    return (clean + noise * rng.standard_normal(length)).astype(np.float32)


def random_walk(length: int, seed: int = 0, step: float = 0.1) -> np.ndarray:
    """A random walk, shape (length,), float32: a toy "price" that starts one step from 0.

    Each value is the previous one plus an independent Gaussian step of standard deviation
    ``step`` (drawn from ``seed``), so the next step is independent of every earlier value:
    from the past alone, the best forecast of the next value is the last one.
    """
    rng = np.random.default_rng(seed)
    return np.cumsum(step * rng.standard_normal(length)).astype(np.float32)


def sliding_windows(series, window: int, stride: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Inputs (N, window, 1) and next-step targets (N, window, 1) cut from a 1-D series.

    ``targets[n, t]`` is the value right after ``inputs[n, t]``, so the last step's target
    is the value that follows the window (many-to-one uses ``targets[:, -1]``).
    """
    series = np.asarray(series, dtype=np.float32)
    starts = np.arange(0, len(series) - window, stride)
    if len(starts) == 0:
        raise ValueError(f"a series of length {len(series)} has no window of {window} + 1 steps")
    index = starts[:, None] + np.arange(window)[None, :]
    return series[index][..., None], series[index + 1][..., None]
