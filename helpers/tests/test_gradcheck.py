import numpy as np
import pytest

from helpers.gradcheck import (
    compare_gradients,
    gradient_report,
    numerical_gradient,
    numerical_gradient_of_output,
    relative_error,
)


def test_gradient_of_sum_of_squares_is_twice_x():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    assert relative_error(numerical_gradient(lambda v: np.sum(v ** 2), x), 2 * x) < 1e-8


def test_the_callers_array_is_never_modified():
    x = np.array([1.0, 2.0, 3.0])
    before = x.copy()
    numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert np.array_equal(x, before)


def test_a_function_that_ignores_its_argument_has_zero_gradient():
    # The in-place bug this checker avoids: perturbing x itself would make this "pass" as 2x.
    x = np.array([1.0, 2.0])
    assert np.array_equal(numerical_gradient(lambda v: np.sum(x ** 2), x), np.zeros(2))


def test_vector_jacobian_product_of_a_matmul():
    rng = np.random.default_rng(0)
    x, W, upstream = rng.standard_normal((3, 4)), rng.standard_normal((4, 2)), rng.standard_normal((3, 2))
    numeric = numerical_gradient_of_output(lambda v: v @ W, x, upstream)
    assert relative_error(numeric, upstream @ W.T) < 1e-6


def test_relative_error_of_equal_and_different_arrays():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [3.0]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="shapes"):
        relative_error([1.0], [1.0, 2.0])


def test_comparison_and_report():
    good = compare_gradients("dWx", [1.0, 2.0], [1.0, 2.0 + 1e-9])
    bad = compare_gradients("dWh", [1.0, 2.0], [1.0, 2.5])
    assert good.approximate and not good.exact
    assert not bad.approximate
    report = gradient_report([good, bad])
    assert "dWx" in report and "approx" in report and "WRONG" in report
    with pytest.raises(ValueError, match="shape of the thing"):
        compare_gradients("db", np.zeros(3), np.zeros(4))
