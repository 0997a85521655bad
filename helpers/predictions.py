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

__all__ = ["check_choice", "check_number"]

NO_ANSWER = "No prediction yet: set {name} above to {what}, then run this cell again."
NOT_RUN = "The experiment above has not run to the end yet: run it, then this cell."


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
        return _say(NOT_RUN, "")
    if correct not in choices:
        raise ValueError(f"the correct answer {correct!r} is not one of the choices {list(choices)}")
    options = ", ".join(repr(choice) for choice in choices)
    if prediction is None:
        return _say(NO_ANSWER.format(name=name, what=f"one of {options}"), "")
    normal = str(prediction).strip().lower()
    if normal not in {choice.lower() for choice in choices}:
        return _say(f"{name} = {prediction!r} is not one of the choices: use {options}.", "")
    if normal == correct.lower():
        return _say("Right.", why)
    return _say(f"Not quite: it is {correct!r}.", why)


def check_number(name: str, prediction, correct: float | Callable[[], float], why: str | Callable[[], str], *,
                 relative: float = 0.1) -> None:
    """Compare a numeric prediction with ``correct``, within ``relative`` (10 % by default)."""
    correct, why = _read(correct), _read(why)
    if correct is None or why is None:
        return _say(NOT_RUN, "")
    if prediction is None:
        return _say(NO_ANSWER.format(name=name, what="a number"), "")
    try:
        value = float(prediction)
    except (TypeError, ValueError):
        return _say(f"{name} = {prediction!r} is not a number.", "")
    if math.isfinite(value) and abs(value - correct) <= relative * abs(correct):
        return _say(f"Right: {correct:.4g}.", why)
    return _say(f"Not quite: {correct:.4g}, not {value:.4g}.", why)
