"""Reference recurrent layers in the course's numpy convention, computed by PyTorch.

A lesson that compares its own layer with another cell should not need the learner's notebook
of an earlier lesson. These functions give that other cell with the time-layer API of the
course (``helpers.charmodel``): the same shapes, the same stacking of the gate blocks, float64,
and the gradients from ``torch.autograd``.

LSTM (lesson 03's convention): ``Wx (D, 4H)``, ``Wh (H, 4H)``, ``b (4H,)`` with the blocks in
the order **i, f, o, g**; ``c_t = f c_{t-1} + i g``, ``h_t = o tanh(c_t)``; the cell state
starts at zero. PyTorch stores the blocks i, f, g, o, transposed, with two biases; the
functions here translate, so callers never see PyTorch's layout.
"""

from __future__ import annotations

import numpy as np
import torch

__all__ = ["torch_lstm_forward", "torch_lstm_backward", "torch_lstm_step", "course_to_torch_lstm_columns"]


def course_to_torch_lstm_columns(hidden_size: int) -> np.ndarray:
    """Column indices that take a course-ordered (i, f, o, g) block matrix to PyTorch's (i, f, g, o).

    ``W[..., course_to_torch_lstm_columns(H)]`` reorders the last axis of any stacked weight or bias.
    """
    H = hidden_size
    input_and_forget, output_gate, cell_candidate = np.arange(2 * H), np.arange(2 * H, 3 * H), np.arange(3 * H, 4 * H)
    return np.concatenate([input_and_forget, cell_candidate, output_gate])


def torch_lstm_forward(x, h0, Wx, Wh, b):
    """Lesson 03's ``lstm_forward`` computed by ``torch.nn.LSTM`` with these weights (c0 = 0).

    x: (N, T, D)   h0: (N, H)   Wx: (D, 4H)   Wh: (H, 4H)   b: (4H,), gates stacked i, f, o, g.
    Returns h (N, T, H) as a numpy array, and a cache (autograd's record) for
    ``torch_lstm_backward``.
    """
    leaves = [torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True) for a in (x, h0, Wx, Wh, b)]
    inputs, first_state, input_weights, hidden_weights, bias = leaves
    D, H = input_weights.shape[0], hidden_weights.shape[0]
    to_torch = torch.as_tensor(course_to_torch_lstm_columns(H))
    module = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    replacement = {
        "weight_ih_l0": input_weights.index_select(1, to_torch).t(),
        "weight_hh_l0": hidden_weights.index_select(1, to_torch).t(),
        "bias_ih_l0": bias.index_select(0, to_torch),
        "bias_hh_l0": torch.zeros(4 * H, dtype=torch.float64),   # the course keeps a single bias
    }
    first_cell = torch.zeros_like(first_state)
    states, _ = torch.func.functional_call(module, replacement, (inputs, (first_state[None], first_cell[None])))
    return states.detach().numpy().copy(), (states, leaves)


def torch_lstm_backward(dh, cache):
    """Lesson 03's ``lstm_backward`` by autograd, for a cache from ``torch_lstm_forward``.

    dh: (N, T, H), the gradient on every hidden state from above.
    Returns dx (N, T, D), dh0 (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,) as numpy arrays.
    A cache can be used once (autograd frees its record after the backward pass).
    """
    states, leaves = cache
    upstream = torch.as_tensor(np.asarray(dh, dtype=np.float64))
    gradients = torch.autograd.grad(states, leaves, grad_outputs=upstream)
    return tuple(g.numpy().copy() for g in gradients)


def torch_lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    """One LSTM step in torch operations (tensors in, tensors out), gates stacked i, f, o, g.

    For measurements that need the gradient on every intermediate state (``retain_grad``),
    which the fused ``torch.nn.LSTM`` does not expose. Returns h_next (N, H), c_next (N, H).
    """
    pre = torch.addmm(b, x, Wx) + h_prev.mm(Wh)
    in_gate, forget_gate, out_gate, candidate = pre.chunk(4, dim=1)
    c_next = torch.sigmoid(forget_gate) * c_prev + torch.sigmoid(in_gate) * torch.tanh(candidate)
    return torch.sigmoid(out_gate) * torch.tanh(c_next), c_next
