"""Deterministic data generators: the same seed gives the same data on every machine.

Each generator takes a ``seed`` and returns plain numpy arrays. Later lessons add their
data sets here (character corpora, time series, addition and date problems).
"""

from __future__ import annotations

import datetime
import importlib.util
from pathlib import Path

import numpy as np

__all__ = [
    "symmetric_matrix_with_top_singular_value",
    "random_gradients",
    "CORPUS_MODULES",
    "python_source_corpus",
    "periodic_series",
    "sliding_windows",
    "PAD",
    "order_task",
    "peak_tagging_task",
    "pad_batch",
    "ADDITION_QUESTION_WIDTH",
    "ADDITION_ANSWER_WIDTH",
    "addition_problems",
    "DATE_FORMATS",
    "DATE_QUESTION_WIDTH",
    "date_problems",
    "split_pairs",
]

# Standard-library modules whose source makes the character-level corpus: plain, varied
# Python present in every CPython since 3.8. Read from the learner's own interpreter.
CORPUS_MODULES = (
    "textwrap", "fractions", "heapq", "bisect", "colorsys", "shlex", "string", "difflib",
    "fnmatch", "glob", "queue", "statistics", "calendar", "random", "functools", "pprint",
)


def symmetric_matrix_with_top_singular_value(size: int, top: float, seed: int = 0) -> np.ndarray:
    """A random symmetric (size, size) matrix whose largest singular value is exactly ``top``.

    The eigenvalues are spread over [-top, top] with ``top`` itself among them. Being
    symmetric, the matrix's singular values are the absolute values of its eigenvalues, so
    ``||W^k|| = top**k`` exactly: powers of it grow or shrink at a rate a learner can predict.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((size, size)))
    eigenvalues = rng.uniform(-abs(top), abs(top), size)
    eigenvalues[0] = top
    return (basis * eigenvalues) @ basis.T


def random_gradients(shapes, scale: float = 1.0, seed: int = 0) -> list[np.ndarray]:
    """A list of standard-normal arrays times ``scale``, one per shape (a model's gradients)."""
    rng = np.random.default_rng(seed)
    return [scale * rng.standard_normal(shape) for shape in shapes]


def _module_source(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return ""
    return Path(spec.origin).read_text(encoding="utf-8", errors="replace")


def python_source_corpus(max_chars: int = 300_000, modules=CORPUS_MODULES) -> str:
    """Source code of standard-library modules, concatenated, as plain ASCII text.

    Read at run time from the Python that runs the notebook (nothing is downloaded or
    stored in the course). Tabs become four spaces and any non-ASCII character becomes
    "?", so the vocabulary stays under 100 characters. The same Python version gives the
    same text; returns at most ``max_chars`` characters.
    """
    pieces, total = [], 0
    for name in modules:
        text = _module_source(name).replace("\t", "    ")
        text = "".join(ch if (32 <= ord(ch) < 127 or ch == "\n") else "?" for ch in text)
        pieces.append(text)
        total += len(text)
        if total >= max_chars:
            break
    corpus = "\n".join(pieces)[:max_chars]
    if not corpus:
        raise RuntimeError("none of the corpus modules' sources could be read from this Python")
    return corpus


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


# Token 0 is padding in the generated classification and tagging tasks.
PAD = 0


def _random_lengths(rng, count: int, min_length: int, max_length: int) -> np.ndarray:
    if not 2 <= min_length <= max_length:
        raise ValueError(f"need 2 <= min_length <= max_length, got {min_length}, {max_length}")
    return rng.integers(min_length, max_length + 1, count)


def order_task(count: int, seed: int = 0, vocab_size: int = 12, min_length: int = 6,
               max_length: int = 40) -> tuple[list[np.ndarray], np.ndarray]:
    """Sequences that each hold token 1 ("A") and token 2 ("B") once among filler tokens.

    Label 1 when A comes before B, else 0. Every sequence holds the same two special tokens,
    so a model that only counts tokens (a bag of tokens) cannot beat chance: the label is in
    the order, possibly many steps apart. Filler tokens are 3 .. vocab_size - 1; 0 is PAD.
    Returns a list of int64 arrays (variable lengths) and the labels (count,).
    """
    if vocab_size < 4:
        raise ValueError("vocab_size must leave room for PAD, A, B and a filler token")
    rng = np.random.default_rng(seed)
    sequences, labels = [], np.zeros(count, dtype=np.int64)
    for n, length in enumerate(_random_lengths(rng, count, min_length, max_length)):
        tokens = rng.integers(3, vocab_size, length)
        first, second = rng.choice(length, 2, replace=False)
        tokens[first], tokens[second] = 1, 2
        labels[n] = int(first < second)
        sequences.append(tokens.astype(np.int64))
    return sequences, labels


def peak_tagging_task(count: int, seed: int = 0, vocab_size: int = 10, min_length: int = 5,
                      max_length: int = 30) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Sequences of tokens 1 .. vocab_size - 1 and a tag per step: 1 at a local peak.

    A step is a peak when its token is larger than both neighbours (only the existing one at
    either end). Deciding needs the next token, so a left-to-right model can only guess,
    while a bidirectional one can be exact. Returns two lists of int64 arrays.
    """
    rng = np.random.default_rng(seed)
    sequences, tags = [], []
    for length in _random_lengths(rng, count, min_length, max_length):
        tokens = rng.integers(1, vocab_size, length)
        padded = np.concatenate([[-1], tokens, [-1]])
        peak = (padded[1:-1] > padded[:-2]) & (padded[1:-1] > padded[2:])
        sequences.append(tokens.astype(np.int64))
        tags.append(peak.astype(np.int64))
    return sequences, tags


def pad_batch(sequences, pad: int = PAD) -> tuple[np.ndarray, np.ndarray]:
    """Right-pad variable-length 1-D sequences into (N, T_max) and return their lengths (N,)."""
    lengths = np.array([len(s) for s in sequences], dtype=np.int64)
    if len(lengths) == 0 or lengths.min() < 1:
        raise ValueError("pad_batch needs at least one sequence, none of them empty")
    batch = np.full((len(sequences), lengths.max()), pad, dtype=np.asarray(sequences[0]).dtype)
    for n, sequence in enumerate(sequences):
        batch[n, :len(sequence)] = sequence
    return batch, lengths


# Toy translation tasks for the Seq2Seq and attention lessons: (question, answer) string
# pairs, each side padded with spaces to a fixed width.
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


# Human-written date formats -> ISO 8601. Day-first wherever the day is a number before the
# month, so no input is ambiguous; two-digit years are 1970..2029 (70-99 -> 19xx, 00-29 -> 20xx).
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
