"""helpers.gradient_examples: matrices and gradients of known size for lesson 01."""

import numpy as np
import pytest

from helpers.gradient_examples import random_gradients, symmetric_matrix_with_top_singular_value


@pytest.mark.parametrize("top", [0.5, 1.0, 1.3])
def test_matrix_has_the_requested_top_singular_value_and_exact_powers(top):
    W = symmetric_matrix_with_top_singular_value(16, top, seed=4)
    assert np.allclose(W, W.T)
    assert np.linalg.svd(W, compute_uv=False)[0] == pytest.approx(top)
    assert np.linalg.norm(np.linalg.matrix_power(W, 10), 2) == pytest.approx(top ** 10)


def test_generators_are_deterministic():
    assert np.array_equal(symmetric_matrix_with_top_singular_value(5, 1.1, seed=9),
                          symmetric_matrix_with_top_singular_value(5, 1.1, seed=9))
    a, b = random_gradients([(2, 3), (4,)], seed=1), random_gradients([(2, 3), (4,)], seed=1)
    assert [g.shape for g in a] == [(2, 3), (4,)]
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], random_gradients([(2, 3)], seed=2)[0])

