"""Token sequences whose answer needs memory or context: lesson 05's classification and
tagging tasks (lesson 09 reuses the first).

Each task takes a ``seed`` and returns variable-length int64 arrays; the same seed gives the
same sequences on every machine. Token 0 (``PAD``) never occurs in a sequence: it is left
free for padding them into batches (``helpers.batches``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["PAD", "order_task", "peak_tagging_task"]

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
