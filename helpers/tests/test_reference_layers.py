import numpy as np
import pytest
import torch

from helpers.gradcheck import numerical_gradient_of_output
from helpers.reference_layers import (
    course_to_torch_lstm_columns,
    torch_lstm_backward,
    torch_lstm_forward,
    torch_lstm_step,
)


def _numpy_lstm_states(x, h0, Wx, Wh, b):
    """The course's LSTM written out in numpy, gates i, f, o, g, c0 = 0: (N, T, H)."""
    H = h0.shape[1]
    h, c, states = h0, np.zeros_like(h0), []
    for t in range(x.shape[1]):
        a = x[:, t] @ Wx + h @ Wh + b
        i, f, o = (1 / (1 + np.exp(-a[:, k * H:(k + 1) * H])) for k in range(3))
        c = f * c + i * np.tanh(a[:, 3 * H:])
        h = o * np.tanh(c)
        states.append(h)
    return np.stack(states, axis=1)


def _random_case(N=3, T=5, D=4, H=2, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(s) * 0.7 for s in ((N, T, D), (N, H), (D, 4 * H), (H, 4 * H), (4 * H,))]


def test_the_column_map_reorders_i_f_o_g_into_pytorchs_i_f_g_o():
    blocks = np.repeat(np.array(["i", "f", "o", "g"]), 2)
    assert "".join(blocks[course_to_torch_lstm_columns(2)]) == "iiffggoo"


@pytest.mark.parametrize("shape", [(3, 5, 4, 2), (1, 1, 1, 1), (2, 7, 3, 5)])
def test_forward_matches_the_course_lstm_written_in_numpy(shape):
    N, T, D, H = shape
    arrays = _random_case(N, T, D, H, seed=sum(shape))
    states, _ = torch_lstm_forward(*arrays)
    assert states.shape == (N, T, H)
    np.testing.assert_allclose(states, _numpy_lstm_states(*arrays), rtol=1e-10, atol=1e-12)


def test_forward_matches_the_step_run_over_the_sequence():
    x, h0, Wx, Wh, b = _random_case()
    tensors = [torch.tensor(a) for a in (Wx, Wh, b)]
    h, c, states = torch.tensor(h0), torch.zeros(h0.shape, dtype=torch.float64), []
    for t in range(x.shape[1]):
        h, c = torch_lstm_step(torch.tensor(x[:, t]), h, c, *tensors)
        states.append(h)
    np.testing.assert_allclose(torch.stack(states, dim=1).numpy(), torch_lstm_forward(x, h0, Wx, Wh, b)[0],
                               rtol=1e-12, atol=1e-14)


def test_backward_matches_numerical_gradients_of_every_input():
    arrays = _random_case(N=2, T=4, D=3, H=2, seed=7)
    upstream = np.random.default_rng(8).standard_normal((2, 4, 2))
    _, cache = torch_lstm_forward(*arrays)
    analytic = torch_lstm_backward(upstream, cache)
    for k, name in enumerate(("dx", "dh0", "dWx", "dWh", "db")):
        def states_with(value, k=k):
            return _numpy_lstm_states(*[value if j == k else a for j, a in enumerate(arrays)])
        numeric = numerical_gradient_of_output(states_with, arrays[k], upstream)
        assert analytic[k].shape == arrays[k].shape, name
        np.testing.assert_allclose(analytic[k], numeric, rtol=1e-6, atol=1e-8, err_msg=name)


def test_inputs_are_not_changed_and_outputs_are_plain_numpy():
    arrays = _random_case(seed=3)
    copies = [a.copy() for a in arrays]
    states, cache = torch_lstm_forward(*arrays)
    gradients = torch_lstm_backward(np.ones_like(states), cache)
    assert all(np.array_equal(a, c) for a, c in zip(arrays, copies))
    assert all(type(g) is np.ndarray and g.dtype == np.float64 for g in (states, *gradients))
