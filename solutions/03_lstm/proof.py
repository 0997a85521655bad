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
    extra_bench=lstm_speed_ratio,
    quality_probe=(
        "{'lstm_heldout_perplexity': lstm_perplexity, 'rnn_heldout_perplexity': rnn_perplexity, "
        "'unigram_perplexity': baseline, 'gradient_ratio_99_back': lstm_norms[99] / rnn_norms[99], "
        "'training_steps': TRAINING_STEPS}"
    ),
)
