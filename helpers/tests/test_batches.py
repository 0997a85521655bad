"""helpers.batches: padding, and the one seeded batch order every training loop uses."""

import numpy as np
import pytest
import torch

from helpers.batches import batch_rows, pad_batch, padded_batches, padded_tensors, tensor_batches
from helpers.token_tasks import order_task


def test_pad_batch_right_pads_and_returns_lengths():
    batch, lengths = pad_batch([np.array([5, 6]), np.array([7]), np.array([1, 2, 3])])
    assert batch.tolist() == [[5, 6, 0], [7, 0, 0], [1, 2, 3]]
    assert lengths.tolist() == [2, 1, 3]
    with pytest.raises(ValueError):
        pad_batch([np.array([], dtype=np.int64)])


def test_batches_have_the_inputs_targets_form_and_a_seeded_order():
    x, y = np.arange(10.0)[:, None], np.arange(10.0)[:, None] * 2
    batches = tensor_batches(x, y, 4, seed=1)
    assert [len(inputs[0]) for inputs, _ in batches] == [4, 4, 2]
    for (bx,), (by,) in batches:
        assert torch.equal(by, bx * 2)
    assert sorted(torch.cat([b[0][0] for b in batches]).flatten().tolist()) == list(range(10))
    kept = tensor_batches(x, y, 4, seed=None)
    assert kept[0][0][0].flatten().tolist() == [0, 1, 2, 3]

    sequences, labels = [np.array([3, 4]), np.array([5]), np.array([6, 7, 8])], np.array([1, 0, 1])
    (tokens, lengths), (targets,) = padded_batches(sequences, labels, 3, seed=None)[0]
    assert tokens.tolist() == [[3, 4, 0], [5, 0, 0], [6, 7, 8]] and targets.tolist() == [1, 0, 1]
    (tokens, lengths), (tags, tag_lengths) = padded_batches(sequences, sequences, 3, seed=None)[0]
    assert torch.equal(tags, tokens) and torch.equal(lengths, tag_lengths)
    assert padded_tensors(sequences)[1].tolist() == [2, 1, 3]


def test_tuples_of_arrays_stay_aligned_row_by_row():
    source, target = np.arange(7)[:, None] * 10, np.arange(7)[:, None]
    for (s, t), (labels,) in tensor_batches((source, target), (target,), 3, seed=5):
        assert torch.equal(s, t * 10) and torch.equal(t, labels)
    with pytest.raises(ValueError, match="same number of rows"):
        tensor_batches((source, target[:6]), (target,), 3)


def test_the_same_seed_gives_the_batches_it_always_gave():
    # Orders recorded from the batchers before they were made one (helpers.batches and
    # helpers.translation each drew their own): the lessons' numbers depend on them.
    x = np.arange(10.0)[:, None]
    assert [bx.flatten().tolist() for (bx,), _ in tensor_batches(x, 2 * x, 4, seed=1)] == [
        [8, 4, 7, 0], [1, 2, 5, 9], [6, 3]]
    assert [rows.tolist() for rows in batch_rows(10, 4, seed=2)] == [[2, 0, 7, 6], [9, 5, 3, 4], [8, 1]]
    sequences, labels = order_task(7, seed=0, min_length=3, max_length=5)
    batches = padded_batches(sequences, labels, 3, seed=4)
    assert [y.tolist() for _, (y,) in batches] == [[0, 0, 1], [1, 0, 0], [0]]
    assert [lengths.tolist() for (_, lengths), _ in batches] == [[4, 4, 5], [3, 3, 3], [3]]


def test_batch_size_must_be_positive():
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        batch_rows(5, 0, seed=0)
