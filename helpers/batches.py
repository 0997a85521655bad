"""Mini-batches as PyTorch tensors, in the form the lessons' training loop ``fit`` takes.

A batch is a pair ``(inputs, targets)`` of tuples: the model is called as
``model(*inputs)`` and the loss as ``loss_fn(output, *targets)``. That one form covers
regression ``((x,), (y,))``, classification ``((tokens, lengths), (labels,))`` and tagging
``((tokens, lengths), (tags, lengths))``, whose loss needs the lengths to skip padding.
Batches are shuffled once, from a seed, so runs repeat exactly.
"""

from __future__ import annotations

import numpy as np
import torch

from .data import PAD, pad_batch

__all__ = ["tensor_batches", "padded_batches", "padded_tensors"]


def _batch_indices(count: int, batch_size: int, seed: int | None):
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = np.arange(count) if seed is None else np.random.default_rng(seed).permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def tensor_batches(inputs, targets, batch_size: int, seed: int | None = 0) -> list:
    """``[((x,), (y,)), ...]`` from equal-length arrays; ``seed=None`` keeps the order."""
    inputs, targets = torch.as_tensor(np.asarray(inputs)), torch.as_tensor(np.asarray(targets))
    if len(inputs) != len(targets):
        raise ValueError(f"{len(inputs)} inputs but {len(targets)} targets")
    return [((inputs[i],), (targets[i],)) for i in _batch_indices(len(inputs), batch_size, seed)]


def padded_tensors(sequences, pad: int = PAD) -> tuple[torch.Tensor, torch.Tensor]:
    """Variable-length int sequences as a right-padded (N, T_max) tensor and lengths (N,)."""
    tokens, lengths = pad_batch(sequences, pad)
    return torch.as_tensor(tokens), torch.as_tensor(lengths)


def padded_batches(sequences, targets, batch_size: int, seed: int | None = 0) -> list:
    """Batches of padded token sequences with one target per sequence or one per step.

    ``targets`` is an array of labels (classification: ``((tokens, lengths), (labels,))``)
    or a list of per-step arrays as long as the sequences (tagging:
    ``((tokens, lengths), (tags, lengths))``, tags padded with 0).
    """
    if len(sequences) != len(targets):
        raise ValueError(f"{len(sequences)} sequences but {len(targets)} targets")
    per_step = np.ndim(targets[0]) == 1
    batches = []
    for index in _batch_indices(len(sequences), batch_size, seed):
        tokens, lengths = padded_tensors([sequences[i] for i in index])
        if per_step:
            tags, _ = padded_tensors([targets[i] for i in index])
            batches.append(((tokens, lengths), (tags, lengths)))
        else:
            batches.append(((tokens, lengths), (torch.as_tensor(np.asarray(targets)[index]),)))
    return batches
