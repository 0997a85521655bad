"""Mini-batches as PyTorch tensors, in the form every training loop of the course takes.

A batch is a pair ``(inputs, targets)`` of tuples: the model is called as
``model(*inputs)`` and the loss as ``loss_fn(output, *targets)``. That one form covers
regression ``((x,), (y,))``, classification ``((tokens, lengths), (labels,))``, tagging
``((tokens, lengths), (tags, lengths))``, whose loss needs the lengths to skip padding, and
translation ``((source, target), (target,))`` (``helpers.translation``). Rows are shuffled
once, from a seed, so runs repeat exactly; every batcher here draws the same order for the
same seed and row count.
"""

from __future__ import annotations

import numpy as np
import torch

from .token_tasks import PAD

__all__ = ["batch_rows", "tensor_batches", "pad_batch", "padded_tensors", "padded_batches"]


def batch_rows(count: int, batch_size: int, seed: int | None) -> list[np.ndarray]:
    """Row indices of each batch: a permutation of range(count) drawn from ``seed``, cut into
    pieces of ``batch_size`` (the last one shorter); ``seed=None`` keeps the order."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = np.arange(count) if seed is None else np.random.default_rng(seed).permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def _as_tuple(arrays) -> tuple[torch.Tensor, ...]:
    arrays = arrays if isinstance(arrays, tuple) else (arrays,)
    return tuple(torch.as_tensor(np.asarray(a)) for a in arrays)


def tensor_batches(inputs, targets, batch_size: int, seed: int | None = 0) -> list:
    """Batches of rows of fixed-shape arrays; ``seed=None`` keeps the order.

    inputs, targets: an array (N, ...) or a tuple of arrays, all N rows long; one array
    counts as a tuple of one. ``tensor_batches(x, y, 64)`` gives ``[((x_b,), (y_b,)), ...]``;
    ``tensor_batches((source, target), (target,), 64)`` a translator's batches.
    """
    inputs, targets = _as_tuple(inputs), _as_tuple(targets)
    counts = {len(a) for a in inputs + targets}
    if len(counts) != 1:
        raise ValueError(f"inputs and targets must have the same number of rows, found {sorted(counts)}")
    return [(tuple(a[i] for a in inputs), tuple(a[i] for a in targets))
            for i in batch_rows(counts.pop(), batch_size, seed)]


def pad_batch(sequences, pad: int = PAD) -> tuple[np.ndarray, np.ndarray]:
    """Right-pad variable-length 1-D sequences into (N, T_max) and return their lengths (N,)."""
    lengths = np.array([len(s) for s in sequences], dtype=np.int64)
    if len(lengths) == 0 or lengths.min() < 1:
        raise ValueError("pad_batch needs at least one sequence, none of them empty")
    batch = np.full((len(sequences), lengths.max()), pad, dtype=np.asarray(sequences[0]).dtype)
    for n, sequence in enumerate(sequences):
        batch[n, :len(sequence)] = sequence
    return batch, lengths


def padded_tensors(sequences, pad: int = PAD) -> tuple[torch.Tensor, torch.Tensor]:
    """Variable-length int sequences as a right-padded (N, T_max) tensor and lengths (N,)."""
    tokens, lengths = pad_batch(sequences, pad)
    return torch.as_tensor(tokens), torch.as_tensor(lengths)


def padded_batches(sequences, targets, batch_size: int, seed: int | None = 0) -> list:
    """Batches of padded token sequences with one target per sequence or one per step.

    ``targets`` is an array of labels (classification: ``((tokens, lengths), (labels,))``)
    or a list of per-step arrays as long as the sequences (tagging:
    ``((tokens, lengths), (tags, lengths))``, tags padded with 0). Each batch is padded only
    to its own longest sequence.
    """
    if len(sequences) != len(targets):
        raise ValueError(f"{len(sequences)} sequences but {len(targets)} targets")
    per_step = np.ndim(targets[0]) == 1
    batches = []
    for index in batch_rows(len(sequences), batch_size, seed):
        tokens, lengths = padded_tensors([sequences[i] for i in index])
        if per_step:
            tags, _ = padded_tensors([targets[i] for i in index])
            batches.append(((tokens, lengths), (tags, lengths)))
        else:
            batches.append(((tokens, lengths), (torch.as_tensor(np.asarray(targets)[index]),)))
    return batches
