"""Toy translation tasks for the Seq2Seq and attention lessons (07, 08): (question, answer)
string pairs, each side padded with spaces to a fixed width, and the train / held-out split.

Each generator takes a ``seed``; the same seed gives the same pairs on every machine.
``helpers.translation`` turns the pairs into tensors.
"""

from __future__ import annotations

import datetime

import numpy as np

__all__ = [
    "ADDITION_QUESTION_WIDTH",
    "ADDITION_ANSWER_WIDTH",
    "addition_problems",
    "DATE_FORMATS",
    "DATE_QUESTION_WIDTH",
    "date_problems",
    "split_pairs",
]

ADDITION_QUESTION_WIDTH, ADDITION_ANSWER_WIDTH = 7, 4      # "999+999", "1998"


def addition_problems(count: int, seed: int = 0, max_value: int = 999) -> list[tuple[str, str]]:
    """``count`` distinct problems "a+b" -> "a+b's value", operands drawn uniformly from 0..max_value.

    Questions are left-aligned and padded with spaces to 7 characters, answers to 4:
    ``("16+75  ", "91  ")``. No two problems share the same (a, b).
    """
    if max_value > 999:
        raise ValueError("operands have at most 3 digits (the padded widths assume it)")
    pairs_available = (max_value + 1) ** 2
    if count > pairs_available:
        raise ValueError(f"only {pairs_available} distinct problems exist with operands up to {max_value}")
    rng = np.random.default_rng(seed)
    codes = rng.choice(pairs_available, size=count, replace=False)
    problems = []
    for code in codes:
        a, b = divmod(int(code), max_value + 1)
        problems.append((f"{a}+{b}".ljust(ADDITION_QUESTION_WIDTH), str(a + b).ljust(ADDITION_ANSWER_WIDTH)))
    return problems


# Human-written date formats -> ISO 8601, English and Korean. Day-first wherever the day is a
# number before the month; the Korean forms put the year first, and the short one ("94.9.27")
# is told from "27.09.1994" by its two-digit last field, so no input is ambiguous. Two-digit
# years are 1970..2029 (70-99 -> 19xx, 00-29 -> 20xx).
DATE_FORMATS = (
    "%B %d, %Y",          # September 27, 1994
    "%b %d, %Y",          # Sep 27, 1994
    "%d %B %Y",           # 27 September 1994
    "%d %b %Y",           # 27 Sep 1994
    "{day}/{month}/%y",   # 27/9/94
    "%d/%m/%Y",           # 27/09/1994
    "%d.%m.%Y",           # 27.09.1994
    "%A, %B %d, %Y",      # Tuesday, September 27, 1994
    "%a, %b %d %Y",       # Tue, Sep 27 1994
    "%d-%b-%Y",           # 27-Sep-1994
    "%Y/%m/%d",           # 1994/09/27
    "{lower}",            # september 27 1994
    "%Y년 {month}월 {day}일",  # 1994년 9월 27일
    "%y.{month}.{day}",   # 94.9.27
)
DATE_QUESTION_WIDTH = 29                                   # "Wednesday, September 27, 1994"
_FIRST_DAY, _LAST_DAY = datetime.date(1970, 1, 1), datetime.date(2029, 12, 31)
# English names whatever the machine's locale: strftime's %A/%B would follow the locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _format_date(day: datetime.date, pattern: str) -> str:
    month, weekday = _MONTHS[day.month - 1], _WEEKDAYS[day.weekday()]
    if pattern == "{lower}":
        return f"{month.lower()} {day.day} {day.year}"
    replacements = {"{day}": str(day.day), "{month}": str(day.month), "%A": weekday, "%a": weekday[:3],
                    "%B": month, "%b": month[:3], "%d": f"{day.day:02d}", "%m": f"{day.month:02d}",
                    "%Y": str(day.year), "%y": f"{day.year % 100:02d}"}
    text = pattern
    for code, value in replacements.items():
        text = text.replace(code, value)
    return text


def date_problems(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` (human-written date, ISO date) pairs with distinct questions, e.g. ("Tue, Sep 27 1994", "1994-09-27").

    Dates are uniform over 1970-01-01 .. 2029-12-31 and formats uniform over DATE_FORMATS;
    questions are padded with spaces to 29 characters, answers are always 10.
    """
    days = (_LAST_DAY - _FIRST_DAY).days + 1
    combinations = days * len(DATE_FORMATS)
    if count > combinations:
        raise ValueError(f"only {combinations} distinct (date, format) pairs exist")
    rng = np.random.default_rng(seed)
    problems, seen = [], set()
    for code in rng.permutation(combinations):
        offset, form = divmod(int(code), len(DATE_FORMATS))
        day = _FIRST_DAY + datetime.timedelta(days=offset)
        question = _format_date(day, DATE_FORMATS[form]).ljust(DATE_QUESTION_WIDTH)
        if question not in seen:       # "May" is both a month's name and its abbreviation
            seen.add(question)
            problems.append((question, day.isoformat()))
            if len(problems) == count:
                return problems
    raise ValueError(f"fewer than {count} distinct date questions exist")


def split_pairs(pairs, heldout: int) -> tuple[list, list]:
    """The fixed train / held-out split: the last ``heldout`` pairs are held out."""
    if not 0 < heldout < len(pairs):
        raise ValueError(f"cannot hold out {heldout} of {len(pairs)} pairs")
    return list(pairs[:-heldout]), list(pairs[-heldout:])
