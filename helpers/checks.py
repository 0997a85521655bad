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

from .language import say

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


# Every message in English and Korean (helpers.language picks one); a name is the caller's
# words, so each Korean message starts with it and a colon rather than attach a particle.
RETURNED_NONE = {"en": "{name} is None: did your function forget to `return` it?",
                 "ko": "{name}: None입니다. 함수가 값을 `return`하는 것을 빠뜨리지 않았나요?"}
NOT_NUMBERS = {"en": "{name} should be numbers (a float or a numpy array) but is a {type}: {error}",
               "ko": "{name}: 숫자(float 또는 numpy 배열)여야 하는데 {type}입니다: {error}"}
WRONG_SHAPE = {"en": "{name} has shape {shape} but expected {expected}",
               "ko": "{name}: 모양이 {shape}인데, 기대한 모양은 {expected}입니다"}
NOT_FINITE = {"en": "{name} contains {count} non-finite value(s), the first {first}{where}",
              "ko": "{name}: 유한하지 않은 값(NaN, inf)이 {count}개 있습니다. 첫 번째는 {first}{where}"}
AT_INDEX = {"en": " at index {index}", "ko": " (인덱스 {index})"}
EXPECTED = {"en": "the expected {name}", "ko": "기댓값 {name}"}
ONE_VALUE_OFF = {"en": "got {got:.10g}, expected {want:.10g}",
                 "ko": "계산한 값 {got:.10g}, 기댓값 {want:.10g}"}
ENTRIES_OFF = {"en": "{count} of {size} entries differ; the first at index {index}: got {got:.10g}, "
                     "expected {want:.10g}",
               "ko": "원소 {size}개 중 {count}개가 다릅니다. 첫 번째는 인덱스 {index}: 계산한 값 {got:.10g}, "
                     "기댓값 {want:.10g}"}
NOT_CLOSE = {"en": "{name} is not close to the expected values: {location} (max abs error {max_abs:.3g}, "
                   "max rel error {max_rel:.3g}, allowed rtol={rtol:g}, atol={atol:g})",
             "ko": "{name}: 기댓값과 가깝지 않습니다. {location} (최대 절대 오차 {max_abs:.3g}, "
                   "최대 상대 오차 {max_rel:.3g}, 허용 rtol={rtol:g}, atol={atol:g})"}
CHANGED_INPUT = {"en": "your function changed its input {name} in place; work on a copy (or build a new "
                       "array) instead",
                 "ko": "{name}: 함수가 이 입력을 제자리에서 바꿨습니다. 복사본으로 작업하거나 새 배열을 "
                       "만드세요"}


def as_float_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a new float64 numpy array, or explain why it cannot be one.

    Accepts numbers, lists, numpy arrays and torch tensors (detached, moved to the CPU).
    """
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    if value is None:
        _fail(say(RETURNED_NONE, name=name))
    try:
        # look at the type, not at attributes: an object can pretend to have any attribute
        if type(value).__module__.split(".")[0] == "torch":
            value = value.detach().cpu().numpy()
        return np.array(value, dtype=np.float64, copy=True)
    except Exception as error:  # noqa: BLE001 -- any conversion failure is the learner's to fix
        problem = say(NOT_NUMBERS, name=name, type=type(value).__name__, error=error)
    _fail(problem)


def assert_shape(name: str, actual, expected_shape, hint: str = "") -> None:
    """Check that ``actual`` has ``expected_shape`` (a tuple; ``()`` for a scalar)."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    shape = as_float_array(name, actual).shape
    expected_shape = tuple(expected_shape)
    if shape != expected_shape:
        _fail(_with_hint(say(WRONG_SHAPE, name=name, shape=shape, expected=expected_shape), hint))


def assert_finite(name: str, actual, hint: str = "") -> None:
    """Check that ``actual`` holds no NaN or infinity, and say where the first one is."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    values = as_float_array(name, actual)
    bad = ~np.isfinite(values)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = say(AT_INDEX, index=index) if values.ndim else ""
        first = values[index] if values.ndim else values
        _fail(_with_hint(say(NOT_FINITE, name=name, count=np.count_nonzero(bad), first=first, where=where), hint))


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
    want = as_float_array(say(EXPECTED, name=name), expected)
    if got.shape != want.shape:
        _fail(_with_hint(say(WRONG_SHAPE, name=name, shape=got.shape, expected=want.shape), hint))
    assert_finite(name, got, hint)
    difference = np.abs(got - want)
    allowed = atol + rtol * np.abs(want)
    wrong = ~(difference <= allowed)
    if not wrong.any():
        return
    max_abs = float(difference.max())
    max_rel = float((difference / np.maximum(np.abs(want), 1e-300)).max())
    if got.ndim == 0:
        location = say(ONE_VALUE_OFF, got=got.item(), want=want.item())
    else:
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        location = say(ENTRIES_OFF, count=np.count_nonzero(wrong), size=got.size, index=index,
                       got=got[index], want=want[index])
    _fail(_with_hint(say(NOT_CLOSE, name=name, location=location, max_abs=max_abs, max_rel=max_rel,
                         rtol=rtol, atol=atol), hint))


def assert_unchanged(name: str, before, after, hint: str = "") -> None:
    """Check that an input array was not modified in place by the learner's function."""
    __tracebackhide__ = True  # a failing check shows the learner's line, not this module's
    old = as_float_array(name, before)
    new = as_float_array(name, after)
    if old.shape != new.shape or not np.array_equal(old, new, equal_nan=True):
        _fail(_with_hint(say(CHANGED_INPUT, name=name), hint))


def beside_the_learner(function):
    """Mark a test helper that works on the learner's objects: a training loop, a backward pass.

    In your notebook this changes nothing: the helper runs where your code runs. When a notebook
    is graded, the tests run outside your kernel and ask it for values; a helper marked this way
    is sent into the kernel and run there instead, next to your objects, and what it returns
    comes back as data (arrays, tensors, numbers) that the tests then check themselves. So a
    helper returns raw results (outputs, gradients, weights), never a verdict.
    """
    return function
