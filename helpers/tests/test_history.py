"""helpers.history: the one record every training loop returns."""

import copy
import pickle

import pytest

from helpers.history import TrainingHistory


def test_each_series_keeps_its_own_steps():
    history = TrainingHistory()
    history.record(1, loss=2.5, heldout_exact_match=0.0)
    history.record(2, loss=1.5)
    history.record(3, loss=1.0, heldout_exact_match=0.25)
    assert history.loss == [2.5, 1.5, 1.0] and history.steps["loss"] == [1, 2, 3]
    assert history.heldout_exact_match == [0.0, 0.25] and history.steps["heldout_exact_match"] == [1, 3]
    assert history.seconds == 0.0
    assert "loss" in dir(history)


def test_values_are_stored_as_plain_floats():
    import numpy as np
    import torch

    history = TrainingHistory()
    history.record(1, a=np.float32(0.5), b=torch.tensor(2.0))
    assert [type(v) for v in history.a + history.b] == [float, float]


def test_an_unrecorded_name_says_what_was_recorded():
    history = TrainingHistory()
    history.record(1, train_perplexity=9.0)
    with pytest.raises(AttributeError, match=r"recorded \['train_perplexity'\], not 'heldout_perplexity'"):
        history.heldout_perplexity


def test_a_measurement_cannot_hide_an_attribute():
    history = TrainingHistory()
    for name in ("seconds", "steps", "values", "record"):
        with pytest.raises(ValueError, match="another name"):
            history.record(1, **{name: 1.0})
    assert history.values == {} and history.steps == {}


def test_copies_and_pickles_keep_the_series():
    history = TrainingHistory()
    history.record(4, loss=0.5)
    history.seconds = 1.5
    for clone in (copy.deepcopy(history), pickle.loads(pickle.dumps(history))):
        assert clone.loss == [0.5] and clone.steps["loss"] == [4] and clone.seconds == 1.5
