"""Predict, then run: ungraded self-checks that ask the learner to commit to an outcome first.

A prediction cell sets a variable (``None`` until the learner answers); after the experiment,
``check_choice`` or ``check_number`` prints whether the prediction was right and why. The right
answer and the reason may be given as functions of the experiment's results (``lambda: ...``):
they are read only when the check runs, and if the experiment has not run to the end (a name
or a key is missing) the check says so instead. A check never raises, so Run All and grading
go on whatever the learner wrote.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from .language import say

__all__ = ["check_choice", "check_number"]

# Every verdict in English and Korean (helpers.language picks one).
NO_ANSWER = {"en": "No prediction yet: set {name} above to {what}, then run this cell again.",
             "ko": "아직 예측이 없습니다: 위의 {name}에 {what} 값을 넣고 이 셀을 다시 실행하세요."}
ONE_OF = {"en": "one of {options}", "ko": "{options} 중 하나의"}
A_NUMBER = {"en": "a number", "ko": "숫자"}
NOT_RUN = {"en": "The experiment above has not run to the end yet: run it, then this cell.",
           "ko": "위의 실험이 아직 끝까지 실행되지 않았습니다: 실험을 실행한 다음 이 셀을 실행하세요."}
NOT_A_CHOICE = {"en": "{name} = {prediction!r} is not one of the choices: use {options}.",
                "ko": "{name} = {prediction!r}: 보기에 없는 값입니다. {options} 중에서 고르세요."}
RIGHT = {"en": "Right.", "ko": "맞습니다."}
WRONG_CHOICE = {"en": "Not quite: it is {correct!r}.", "ko": "아쉽지만 정답은 {correct!r}입니다."}
NOT_A_NUMBER = {"en": "{name} = {prediction!r} is not a number.", "ko": "{name} = {prediction!r}: 숫자가 아닙니다."}
RIGHT_NUMBER = {"en": "Right: {correct:.4g}.", "ko": "맞습니다: {correct:.4g}."}
WRONG_NUMBER = {"en": "Not quite: {correct:.4g}, not {value:.4g}.",
                "ko": "아쉽지만 정답은 {correct:.4g}입니다 (예측 {value:.4g})."}


def _read(value):
    """``value``, or what it returns if it is a function (None if the experiment's results are missing)."""
    if not callable(value):
        return value
    try:
        return value()
    except (NameError, KeyError, IndexError):
        return None


def _say(verdict: str, why: str) -> None:
    print(f"{verdict} {why}".strip())


def check_choice(name: str, prediction, choices: Sequence[str], correct: str | Callable[[], str],
                 why: str | Callable[[], str]) -> None:
    """Compare a prediction with the right one of ``choices`` (case and spaces ignored).

    name: the variable the learner sets (for the message).   why: one or two sentences that
    explain the outcome. Prints the verdict; returns nothing (so a notebook shows it once).
    """
    correct, why = _read(correct), _read(why)
    if correct is None or why is None:
        return _say(say(NOT_RUN), "")
    if correct not in choices:
        raise ValueError(f"the correct answer {correct!r} is not one of the choices {list(choices)}")
    options = ", ".join(repr(choice) for choice in choices)
    if prediction is None:
        return _say(say(NO_ANSWER, name=name, what=say(ONE_OF, options=options)), "")
    normal = str(prediction).strip().lower()
    if normal not in {choice.lower() for choice in choices}:
        return _say(say(NOT_A_CHOICE, name=name, prediction=prediction, options=options), "")
    if normal == correct.lower():
        return _say(say(RIGHT), why)
    return _say(say(WRONG_CHOICE, correct=correct), why)


def check_number(name: str, prediction, correct: float | Callable[[], float], why: str | Callable[[], str], *,
                 relative: float = 0.1) -> None:
    """Compare a numeric prediction with ``correct``, within ``relative`` (10 % by default)."""
    correct, why = _read(correct), _read(why)
    if correct is None or why is None:
        return _say(say(NOT_RUN), "")
    if prediction is None:
        return _say(say(NO_ANSWER, name=name, what=say(A_NUMBER)), "")
    try:
        value = float(prediction)
    except (TypeError, ValueError):
        return _say(say(NOT_A_NUMBER, name=name, prediction=prediction), "")
    if math.isfinite(value) and abs(value - correct) <= relative * abs(correct):
        return _say(say(RIGHT_NUMBER, correct=correct), why)
    return _say(say(WRONG_NUMBER, correct=correct, value=value), why)
