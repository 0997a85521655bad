"""Predict, then run: ungraded self-checks that ask the learner to commit to an outcome first.

A prediction cell sets a variable (``None`` until the learner answers) and calls ``check_choice``
or ``check_number``. The check prints whether the prediction was right and why, and never
raises, so Run All and grading go on whatever the learner wrote. The ``why`` should point at
the experiment that follows, so the learner runs it to see the reason, not just the verdict.
"""

from __future__ import annotations

import math
from typing import Sequence

__all__ = ["check_choice", "check_number"]

NO_ANSWER = "No prediction yet: set {name} above to {what}, then run this cell again."


def _say(verdict: str, why: str) -> None:
    print(f"{verdict} {why}".strip())


def check_choice(name: str, prediction, choices: Sequence[str], correct: str, why: str) -> None:
    """Compare a prediction with the right one of ``choices`` (case and spaces ignored).

    name: the variable the learner sets (for the message).   why: one or two sentences that
    explain the outcome. Prints the verdict; returns nothing (so a notebook shows it once).
    """
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


def check_number(name: str, prediction, correct: float, why: str, *, relative: float = 0.1) -> None:
    """Compare a numeric prediction with ``correct``, within ``relative`` (10 % by default)."""
    if prediction is None:
        return _say(NO_ANSWER.format(name=name, what="a number"), "")
    try:
        value = float(prediction)
    except (TypeError, ValueError):
        return _say(f"{name} = {prediction!r} is not a number.", "")
    if math.isfinite(value) and abs(value - correct) <= relative * abs(correct):
        return _say(f"Right: {correct:.4g}.", why)
    return _say(f"Not quite: {correct:.4g}, not {value:.4g}.", why)
