"""Lesson 03 (the LSTM step and time layer, forward and backward): its grading proof and benchmark figures (see autograder/proof.py)."""

import time

import numpy as np
import torch

from autograder.proof import LessonProof, SourceEdit

WRONG_ANSWERS = (
    SourceEdit(
        name="tanh_on_the_forget_gate",
        exercise="lstm_step_forward",
        old="f = sigmoid(a[:, H:2 * H])",
        new="f = np.tanh(a[:, H:2 * H])",
        loses=("lstm_step_forward", "lstm_forward"),
        why="tanh instead of sigmoid on a gate",
    ),
    SourceEdit(
        name="gate_order_ifgo",
        exercise="lstm_step_forward",
        old="o = sigmoid(a[:, 2 * H:3 * H])\n    g = np.tanh(a[:, 3 * H:])",
        new="g = np.tanh(a[:, 2 * H:3 * H])\n    o = sigmoid(a[:, 3 * H:])",
        loses=("lstm_step_forward", "lstm_forward"),
        why="gates read in PyTorch's order i, f, g, o instead of the course's i, f, o, g",
    ),
    SourceEdit(
        name="cell_without_forget_gate",
        exercise="lstm_step_forward",
        old="c_next = f * c_prev + i * g",
        new="c_next = c_prev + i * g",
        loses=("lstm_step_forward", "lstm_forward"),
        why="c_t computed without the forget gate",
    ),
    SourceEdit(
        name="hidden_state_without_tanh",
        exercise="lstm_step_forward",
        old="h_next = o * np.tanh(c_next)",
        new="h_next = o * c_next",
        loses=("lstm_step_forward", "lstm_forward"),
        why="h_t = o * c_t without the tanh",
    ),
    SourceEdit(
        name="cell_gradient_skips_forget_gate",
        exercise="lstm_step_backward",
        old="dc_prev = dc * f",
        new="dc_prev = dc",
        loses=("lstm_step_backward", "lstm_backward"),
        why="the gradient along the cell state is not scaled by the forget gate",
    ),
    SourceEdit(
        name="forward_drops_the_cell_state",
        exercise="lstm_forward",
        old="lstm_step_forward(x[:, t], h_prev, c_prev, Wx, Wh, b)",
        new="lstm_step_forward(x[:, t], h_prev, np.zeros_like(h0), Wx, Wh, b)",
        loses=("lstm_forward",),
        why="the cell state is reset at every step instead of carried",
    ),
    SourceEdit(
        name="backward_drops_the_cell_gradient",
        exercise="lstm_backward",
        old="lstm_step_backward(dh[:, t] + dh_prev, dc_prev, cache[t])",
        new="lstm_step_backward(dh[:, t] + dh_prev, np.zeros_like(dc_prev), cache[t])",
        loses=("lstm_backward",),
        why="the gradient on the cell state is not carried back to the previous step",
    ),
)


# Right answers: correct, written the way learners write them rather than the way we did.
# Each must keep every point; one that loses a point means a test is unfair, not the answer.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer(
        "lstm_step_forward_gate_by_gate",
        "lstm_step_forward",
        '''def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One LSTM step (gates stacked i, f, o, g)."""
    H = h_prev.shape[1]

    def pre_activation(k):
        # each gate from its own block of columns, instead of one product split afterwards
        columns = slice(k * H, (k + 1) * H)
        return x @ Wx[:, columns] + h_prev @ Wh[:, columns] + b[columns]

    i = 1 / (1 + np.exp(-pre_activation(0)))
    f = 1 / (1 + np.exp(-pre_activation(1)))
    o = 1 / (1 + np.exp(-pre_activation(2)))
    g = np.tanh(pre_activation(3))
    c_next = c_prev * f + g * i
    h_next = np.tanh(c_next) * o
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, o, g, c_next)
''',
        why="one product per gate and the textbook sigmoid 1 / (1 + exp(-a)) instead of the stable one",
    ),
    SourceEdit.whole_answer(
        "lstm_step_forward_concatenated_input",
        "lstm_step_forward",
        '''def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One LSTM step (gates stacked i, f, o, g)."""
    # the textbook form W [h; x]: one product with the stacked weights
    a = np.concatenate([h_prev, x], axis=1) @ np.concatenate([Wh, Wx], axis=0) + b
    a_i, a_f, a_o, a_g = np.split(a, 4, axis=1)
    i, f, o, g = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o), np.tanh(a_g)
    c_next = f * c_prev + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, o, g, c_next)
''',
        why="[h, x] times the stacked weights, np.split into the four gates",
    ),
    SourceEdit.whole_answer(
        "lstm_step_backward_gate_by_gate",
        "lstm_step_backward",
        '''def lstm_step_backward(dh_next, dc_next, cache):
    """Backward pass of lstm_step_forward."""
    x, h_prev, c_prev, Wx, Wh, i, f, o, g, c_next = cache
    H = h_prev.shape[1]
    dc = dc_next + dh_next * o * (1 - np.tanh(c_next) ** 2)
    da_i = dc * g * i * (1 - i)
    da_f = dc * c_prev * f * (1 - f)
    da_o = dh_next * np.tanh(c_next) * o * (1 - o)
    da_g = dc * i * (1 - g * g)
    dx = np.zeros_like(x)
    dh_prev = np.zeros_like(h_prev)
    dWx, dWh, db = [], [], []
    for k, da in enumerate((da_i, da_f, da_o, da_g)):
        columns = slice(k * H, (k + 1) * H)
        dx += da @ Wx[:, columns].T
        dh_prev += da @ Wh[:, columns].T
        dWx.append(x.T @ da)
        dWh.append(h_prev.T @ da)
        db.append(np.sum(da, axis=0))
    dc_prev = f * dc
    return dx, dh_prev, dc_prev, np.hstack(dWx), np.hstack(dWh), np.concatenate(db)
''',
        why="each gate's block of the weight gradients computed on its own and stacked at the end",
    ),
    SourceEdit.whole_answer(
        "lstm_step_backward_einsum_over_examples",
        "lstm_step_backward",
        '''def lstm_step_backward(dh_next, dc_next, cache):
    """Backward pass of lstm_step_forward."""
    x, h_prev, c_prev, Wx, Wh, i, f, o, g, c_next = cache
    N, H = h_prev.shape
    da = np.zeros((N, 4 * H))
    dc_prev = np.zeros((N, H))
    for n in range(N):           # one example at a time, as the equations are written
        tanh_c = np.tanh(c_next[n])
        dc = dc_next[n] + dh_next[n] * o[n] * (1 - tanh_c ** 2)
        da[n] = np.concatenate([dc * g[n] * i[n] * (1 - i[n]), dc * c_prev[n] * f[n] * (1 - f[n]),
                                dh_next[n] * tanh_c * o[n] * (1 - o[n]), dc * i[n] * (1 - g[n] ** 2)])
        dc_prev[n] = dc * f[n]
    dx = np.einsum("nk,dk->nd", da, Wx)
    dh_prev = np.einsum("nk,hk->nh", da, Wh)
    dWx = np.einsum("nd,nk->dk", x, da)
    dWh = np.einsum("nh,nk->hk", h_prev, da)
    db = np.einsum("nk->k", da)
    return dx, dh_prev, dc_prev, dWx, dWh, db
''',
        why="a loop over the examples, then einsum for the products",
    ),
    SourceEdit.whole_answer(
        "lstm_forward_stacks_a_list",
        "lstm_forward",
        '''def lstm_forward(x, h0, Wx, Wh, b):
    """Run the LSTM over a sequence, starting from h0 and c0 = 0."""
    h, c = h0, np.zeros(h0.shape)
    states, cache = [], []
    for t in range(x.shape[1]):
        h, c, step_cache = lstm_step_forward(x[:, t, :], h, c, Wx, Wh, b)
        states.append(h)
        cache.append(step_cache)
    return np.stack(states, axis=1), cache
''',
        why="states collected in a list and stacked along the time axis",
    ),
    SourceEdit.whole_answer(
        "lstm_forward_time_major_buffer",
        "lstm_forward",
        '''def lstm_forward(x, h0, Wx, Wh, b):
    """Run the LSTM over a sequence, starting from h0 and c0 = 0."""
    N, T, D = x.shape
    H = Wh.shape[0]
    x_by_time = np.transpose(x, (1, 0, 2))       # (T, N, D): one row per step
    h_by_time = np.empty((T, N, H))
    cache = [None] * T
    h, c, t = h0, np.zeros((N, H)), 0
    while t < T:
        h, c, cache[t] = lstm_step_forward(x_by_time[t], h, c, Wx, Wh, b)
        h_by_time[t] = h
        t += 1
    return h_by_time.transpose(1, 0, 2), cache
''',
        why="a time-major buffer transposed at the end, a while loop, H read from Wh",
    ),
    SourceEdit.whole_answer(
        "lstm_backward_gradient_lists",
        "lstm_backward",
        '''def lstm_backward(dh, cache):
    """Backward pass of lstm_forward."""
    N, T, H = dh.shape
    dx_steps, dWx_steps, dWh_steps, db_steps = [], [], [], []
    dh_from_next, dc_from_next = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dx_t, dh_from_next, dc_from_next, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dh_from_next, dc_from_next, cache[t])
        dx_steps.insert(0, dx_t)
        dWx_steps.append(dWx_t)
        dWh_steps.append(dWh_t)
        db_steps.append(db_t)
    return np.stack(dx_steps, axis=1), dh_from_next, sum(dWx_steps), sum(dWh_steps), sum(db_steps)
''',
        why="per-step gradients collected in lists, summed and stacked at the end",
    ),
    SourceEdit.whole_answer(
        "lstm_backward_copies_the_upstream_gradient",
        "lstm_backward",
        '''def lstm_backward(dh, cache):
    """Backward pass of lstm_forward."""
    N, T, H = dh.shape
    Wx, Wh = cache[0][3], cache[0][4]
    dx = np.zeros((N, T, Wx.shape[0]))
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[1])
    dh_carry = np.zeros((N, H))
    dc_carry = np.zeros((N, H))
    for t in reversed(range(T)):
        dh_total = dh[:, t, :].copy()
        dh_total += dh_carry
        grads = lstm_step_backward(dh_total, dc_carry, cache[t])
        dx[:, t, :] = grads[0]
        dh_carry, dc_carry = grads[1], grads[2]
        dWx, dWh, db = dWx + grads[3], dWh + grads[4], db + grads[5]
    return dx, dh_carry, dWx, dWh, db
''',
        why="shapes read from the weights in the cache, the upstream gradient copied then added to",
    ),
)


# `make bench`: how much slower the learner-style numpy LSTM is than PyTorch's.
def lstm_speed_ratio(lesson: dict, N: int = 64, T: int = 50, D: int = 128, H: int = 128,
                     repeats: int = 5) -> dict:
    """Seconds for forward + backward of the numpy LSTM (this lesson's solution, in ``lesson``)
    and of torch.nn.LSTM on the same sizes, median of ``repeats``, and their ratio."""
    rng = np.random.default_rng(0)
    x, h0 = rng.standard_normal((N, T, D)), np.zeros((N, H))
    Wx, Wh, b = rng.standard_normal((D, 4 * H)) * 0.1, rng.standard_normal((H, 4 * H)) * 0.1, np.zeros(4 * H)
    dh = np.ones((N, T, H))

    def numpy_pass():
        h, cache = lesson["lstm_forward"](x, h0, Wx, Wh, b)
        lesson["lstm_backward"](dh, cache)

    layer = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    tx = torch.tensor(x)

    def torch_pass():
        layer.zero_grad()
        layer(tx)[0].sum().backward()

    def median_seconds(run):
        run()  # warm-up
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return float(np.median(times))

    numpy_seconds, torch_seconds = median_seconds(numpy_pass), median_seconds(torch_pass)
    speed = {"numpy_lstm_seconds": numpy_seconds, "torch_lstm_seconds": torch_seconds,
             "ratio": numpy_seconds / torch_seconds, "target_ratio": 3.0,
             "sizes": {"N": N, "T": T, "D": D, "H": H}, "dtype": "float64"}
    print(f"numpy LSTM forward+backward {numpy_seconds * 1000:.0f} ms vs torch.nn.LSTM "
          f"{torch_seconds * 1000:.0f} ms (N={N}, T={T}, D={D}, H={H}, float64): "
          f"ratio {speed['ratio']:.2f} (target within {speed['target_ratio']:g}x)")
    return speed


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    extra_bench=lstm_speed_ratio,
    quality_probe=(
        "{'lstm_heldout_perplexity': lstm_perplexity, 'rnn_heldout_perplexity': rnn_perplexity, "
        "'unigram_perplexity': baseline, 'gradient_ratio_99_back': lstm_norms[99] / rnn_norms[99], "
        "'training_steps': TRAINING_STEPS}"
    ),
    trusted_verdict=True,
)
