"""helpers.series: lesson 05's periodic series, its random walk and their sliding windows."""

import numpy as np
import pytest

from helpers.series import periodic_series, random_walk, sliding_windows


def test_periodic_series_is_deterministic_and_not_predicted_by_repeating_the_last_value():
    series = periodic_series(2000, seed=3)
    assert series.dtype == np.float32 and series.shape == (2000,)
    assert np.array_equal(series, periodic_series(2000, seed=3))
    assert not np.array_equal(series, periodic_series(2000, seed=4))
    naive_error = np.mean((series[1:] - series[:-1]) ** 2)
    assert naive_error > 5 * 0.1 ** 2          # well above the noise floor a model can reach


def test_sliding_windows_pair_each_step_with_the_next_value():
    inputs, targets = sliding_windows(np.arange(10), window=4, stride=3)
    assert inputs.shape == targets.shape == (2, 4, 1)
    assert inputs[1, :, 0].tolist() == [3, 4, 5, 6]
    assert targets[1, :, 0].tolist() == [4, 5, 6, 7]
    with pytest.raises(ValueError, match="no window"):
        sliding_windows(np.arange(4), window=4)


def test_random_walk_is_deterministic_and_its_steps_are_independent_of_the_past():
    walk = random_walk(20000, seed=1, step=0.1)
    assert walk.dtype == np.float32 and walk.shape == (20000,)
    assert np.array_equal(walk, random_walk(20000, seed=1, step=0.1))
    assert not np.array_equal(walk, random_walk(20000, seed=2, step=0.1))
    steps = np.diff(walk.astype(np.float64))
    assert abs(walk[0]) < 0.5 and abs(np.std(steps) - 0.1) < 0.005     # starts near 0, steps of 0.1
    # the naive forecast's error is the variance of a step, and no step predicts the next
    assert abs(np.mean(steps ** 2) - 0.1 ** 2) < 0.001
    assert abs(np.corrcoef(steps[:-1], steps[1:])[0, 1]) < 0.05
    assert np.std(walk) > 10 * 0.1                                       # it wanders far from its start
