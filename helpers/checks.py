"""Assertions for learners: every failure names the array and says what to look at.

The checks compare shapes before values, convert everything to plain float64 arrays
before comparing (so an object that claims to equal anything cannot pass), and report the
largest absolute and relative error and the first index where the values disagree.

    >>> assert_close("h", np.array([0.5, 0.7]), np.array([0.5, 0.7]))
    >>> assert_close("h", np.array([0.5, 0.8]), np.array([0.5, 0.7]))
    Traceback (most recent call last):
    ...
    helpers.checks.CheckFailed: h is not close to the expected values: ...
"""

from __future__ import annotations

from typing import NoReturn

import numpy as np

__all__ = [
    "CheckFailed",
    "as_float_array",
    "assert_shape",
    "assert_close",
    "assert_finite",
    "assert_unchanged",
    "beside_the_learner",
    "check",
]


class CheckFailed(AssertionError):
    """A check a learner can act on failed; the message says what and where."""


def _fail(message: str) -> NoReturn:
    """Raise CheckFailed. The checks above it hide their frames (``__tracebackhide__``), so a
    learner's traceback goes from their own line straight to this one-line frame."""
    raise CheckFailed(message)


def check(condition: bool, message: str) -> None:
    """Raise CheckFailed(message) unless condition holds (the non-silent ``assert``)."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    if not condition:
        _fail(message)


def _with_hint(message: str, hint: str) -> str:
    return f"{message}: {hint}" if hint else message


def as_float_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a new float64 numpy array, or explain why it cannot be one.

    Accepts numbers, lists, numpy arrays and torch tensors (detached, moved to the CPU).
    """
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    if value is None:
        _fail(f"{name} is None: did your function forget to `return` it?")
    try:
        # look at the type, not at attributes: an object can pretend to have any attribute
        if type(value).__module__.split(".")[0] == "torch":
            value = value.detach().cpu().numpy()
        return np.array(value, dtype=np.float64, copy=True)
    except Exception as error:  # noqa: BLE001 -- any conversion failure is the learner's to fix
        problem = f"{name} should be numbers (a float or a numpy array) but is a {type(value).__name__}: {error}"
    _fail(problem)


def assert_shape(name: str, actual, expected_shape, hint: str = "") -> None:
    """Check that ``actual`` has ``expected_shape`` (a tuple; ``()`` for a scalar)."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    shape = as_float_array(name, actual).shape
    expected_shape = tuple(expected_shape)
    if shape != expected_shape:
        _fail(
            _with_hint(f"{name} has shape {shape} but expected {expected_shape}", hint)
        )


def assert_finite(name: str, actual, hint: str = "") -> None:
    """Check that ``actual`` holds no NaN or infinity, and say where the first one is."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    values = as_float_array(name, actual)
    bad = ~np.isfinite(values)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {index}" if values.ndim else ""
        _fail(
            _with_hint(
                f"{name} contains {np.count_nonzero(bad)} non-finite value(s), "
                f"the first {values[index] if values.ndim else values}{where}",
                hint,
            )
        )


def assert_close(
    name: str,
    actual,
    expected,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    hint: str = "",
) -> None:
    """Check ``|actual - expected| <= atol + rtol * |expected|`` everywhere.

    Shapes are compared first; on a mismatch the message gives the largest absolute and
    relative error and the first index where the two disagree, with both values.
    """
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    got = as_float_array(name, actual)
    want = as_float_array(f"the expected {name}", expected)
    if got.shape != want.shape:
        _fail(
            _with_hint(f"{name} has shape {got.shape} but expected {want.shape}", hint)
        )
    assert_finite(name, got, hint)
    difference = np.abs(got - want)
    allowed = atol + rtol * np.abs(want)
    wrong = ~(difference <= allowed)
    if not wrong.any():
        return
    max_abs = float(difference.max())
    max_rel = float((difference / np.maximum(np.abs(want), 1e-300)).max())
    if got.ndim == 0:
        location = f"got {got.item():.10g}, expected {want.item():.10g}"
    else:
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        location = (
            f"{np.count_nonzero(wrong)} of {got.size} entries differ; the first at index "
            f"{index}: got {got[index]:.10g}, expected {want[index]:.10g}"
        )
    _fail(
        _with_hint(
            f"{name} is not close to the expected values: {location} "
            f"(max abs error {max_abs:.3g}, max rel error {max_rel:.3g}, "
            f"allowed rtol={rtol:g}, atol={atol:g})",
            hint,
        )
    )


def assert_unchanged(name: str, before, after, hint: str = "") -> None:
    """Check that an input array was not modified in place by the learner's function."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    old = as_float_array(name, before)
    new = as_float_array(name, after)
    if old.shape != new.shape or not np.array_equal(old, new, equal_nan=True):
        _fail(
            _with_hint(
                f"your function changed its input {name} in place; "
                "work on a copy (or build a new array) instead",
                hint,
            )
        )


def beside_the_learner(function):
    """Mark a test helper that works on the learner's objects: a training loop, a backward pass.

    In your notebook this changes nothing: the helper runs where your code runs. When a notebook
    is graded, the tests run outside your kernel and ask it for values; a helper marked this way
    is sent into the kernel and run there instead, next to your objects, and what it returns
    comes back as data (arrays, tensors, numbers) that the tests then check themselves. So a
    helper returns raw results (outputs, gradients, weights), never a verdict.
    """
    return function
