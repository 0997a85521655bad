"""Lesson 04 (the GRU step and time layer, forward and backward; GRU vs LSTM on text): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit

WRONG_ANSWERS = (
    SourceEdit(
        name="gru_update_convention_flipped",
        exercise="gru_step_forward",
        old="    h_next = (1 - z) * h_prev + z * n\n",
        new="    h_next = z * h_prev + (1 - z) * n\n",
        loses=("gru_step_forward", "gru_forward"),
        why="PyTorch's update convention used with the notebook's weights",
    ),
    SourceEdit(
        name="reset_on_the_input_term",
        exercise="gru_step_forward",
        old="n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])",
        new="n = np.tanh(r * ax[:, 2 * H:] + ah[:, 2 * H:])",
        loses=("gru_step_forward", "gru_forward"),
        why="the reset gate applied to the input term instead of the hidden one",
    ),
    SourceEdit(
        name="update_gradient_sign",
        exercise="gru_step_backward",
        old="dz = dh_next * (n - h_prev)",
        new="dz = dh_next * (h_prev - n)",
        loses=("gru_step_backward", "gru_backward"),
        why="the derivative of the interpolation with respect to z has the wrong sign",
    ),
    SourceEdit(
        name="reset_missing_on_the_hidden_path",
        exercise="gru_step_backward",
        old="dah = np.concatenate([dar, daz, dan * r], axis=1)",
        new="dah = np.concatenate([dar, daz, dan], axis=1)",
        loses=("gru_step_backward", "gru_backward"),
        why="the gradient to Wh_n and h_prev is not scaled by the reset gate",
    ),
    SourceEdit(
        name="gru_forward_restarts_from_h0",
        exercise="gru_forward",
        old="gru_step_forward(x[:, t], h_prev, Wx, Wh, b)",
        new="gru_step_forward(x[:, t], h0, Wx, Wh, b)",
        loses=("gru_forward",),
        why="every step starts from h0 instead of the previous state",
    ),
    SourceEdit(
        name="bptt_without_the_gradient_from_the_next_step",
        exercise="gru_backward",
        old="gru_step_backward(dh[:, t] + dh_prev, cache[t])",
        new="gru_step_backward(dh[:, t], cache[t])",
        loses=("gru_backward",),
        why="each step gets only the gradient from above, not the one step t + 1 sends back to h_t",
    ),
    SourceEdit(
        name="bptt_weight_gradients_overwritten",
        exercise="gru_backward",
        old="        dWx += dWx_t\n        dWh += dWh_t\n        db += db_t\n",
        new="        dWx = dWx_t\n        dWh = dWh_t\n        db = db_t\n",
        loses=("gru_backward",),
        why="the weight gradients are overwritten at each step instead of summed over the steps",
    ),
    SourceEdit(
        name="bptt_runs_forward_in_time",
        exercise="gru_backward",
        old="for t in reversed(range(T)):",
        new="for t in range(T):",
        loses=("gru_backward",),
        why="the steps are walked from the first to the last, so the gradient flows the wrong way",
    ),
    SourceEdit(
        name="bptt_input_gradients_in_mirrored_steps",
        exercise="gru_backward",
        old="dx[:, t], dh_prev,",
        new="dx[:, T - 1 - t], dh_prev,",
        loses=("gru_backward",),
        why="the loop counter of the backward walk used as if it counted backwards: dx stored in mirrored steps",
    ),
)

# Right answers: correct, written the way learners write them rather than the way we did.
# Each must keep every point; one that loses a point means a test is unfair, not the answer.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer(
        "gru_step_forward_textbook_interpolation",
        "gru_step_forward",
        '''def gru_step_forward(x, h_prev, Wx, Wh, b):
    """One GRU step, gates stacked r, z, n; h_next = (1 - z) * h_prev + z * n."""
    H = h_prev.shape[1]
    r_cols, z_cols, n_cols = slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H)
    r = 1 / (1 + np.exp(-(x @ Wx[:, r_cols] + h_prev @ Wh[:, r_cols] + b[r_cols])))
    z = 1 / (1 + np.exp(-(x @ Wx[:, z_cols] + h_prev @ Wh[:, z_cols] + b[z_cols])))
    hidden_n = h_prev @ Wh[:, n_cols]
    n = np.tanh(x @ Wx[:, n_cols] + b[n_cols] + r * hidden_n)
    h_next = h_prev + z * (n - h_prev)       # the same interpolation, written as a step towards n
    return h_next, (x, h_prev, Wx, Wh, r, z, n, hidden_n)
''',
        why="one product per gate, the textbook sigmoid, and h + z (n - h) for the interpolation",
    ),
    SourceEdit.whole_answer(
        "gru_step_forward_einsum_split",
        "gru_step_forward",
        '''def gru_step_forward(x, h_prev, Wx, Wh, b):
    """One GRU step, gates stacked r, z, n; h_next = (1 - z) * h_prev + z * n."""
    ax_r, ax_z, ax_n = np.split(np.einsum("nd,dk->nk", x, Wx) + b, 3, axis=1)
    ah_r, ah_z, ah_n = np.split(np.einsum("nh,hk->nk", h_prev, Wh), 3, axis=1)
    r = sigmoid(ax_r + ah_r)
    z = sigmoid(ax_z + ah_z)
    n = np.tanh(ax_n + r * ah_n)
    h_next = z * n + (1 - z) * h_prev
    return h_next, (x, h_prev, Wx, Wh, r, z, n, ah_n)
''',
        why="einsum for the products and np.split into the three blocks",
    ),
    SourceEdit.whole_answer(
        "gru_step_backward_block_by_block",
        "gru_step_backward",
        '''def gru_step_backward(dh_next, cache):
    """Backward pass of gru_step_forward."""
    x, h_prev, Wx, Wh, r, z, n, hidden_n = cache
    H = h_prev.shape[1]
    Wx_r, Wx_z, Wx_n = Wx[:, :H], Wx[:, H:2 * H], Wx[:, 2 * H:]
    Wh_r, Wh_z, Wh_n = Wh[:, :H], Wh[:, H:2 * H], Wh[:, 2 * H:]
    da_n = dh_next * z * (1 - n * n)
    da_z = dh_next * (n - h_prev) * z * (1 - z)
    da_r = da_n * hidden_n * r * (1 - r)
    dhidden_n = da_n * r                      # the reset scales what reaches Wh_n
    dx = da_r @ Wx_r.T + da_z @ Wx_z.T + da_n @ Wx_n.T
    dh_prev = dh_next * (1 - z) + da_r @ Wh_r.T + da_z @ Wh_z.T + dhidden_n @ Wh_n.T
    dWx = np.hstack([x.T @ da_r, x.T @ da_z, x.T @ da_n])
    dWh = np.hstack([h_prev.T @ da_r, h_prev.T @ da_z, h_prev.T @ dhidden_n])
    db = np.concatenate([da_r.sum(0), da_z.sum(0), da_n.sum(0)])
    return dx, dh_prev, dWx, dWh, db
''',
        why="every block's gradient with its own slice of the weights, no stacked da",
    ),
    SourceEdit.whole_answer(
        "gru_step_backward_loop_over_examples",
        "gru_step_backward",
        '''def gru_step_backward(dh_next, cache):
    """Backward pass of gru_step_forward."""
    x, h_prev, Wx, Wh, r, z, n, hidden_n = cache
    N, H = h_prev.shape
    dx, dh_prev = np.zeros(x.shape), np.zeros(h_prev.shape)
    dWx, dWh, db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(3 * H)
    for k in range(N):                       # one example at a time: outer products summed
        dan = dh_next[k] * z[k] * (1 - n[k] ** 2)
        daz = dh_next[k] * (n[k] - h_prev[k]) * z[k] * (1 - z[k])
        dar = dan * hidden_n[k] * r[k] * (1 - r[k])
        dax = np.concatenate([dar, daz, dan])
        dah = np.concatenate([dar, daz, dan * r[k]])
        dx[k] = Wx @ dax
        dh_prev[k] = dh_next[k] * (1 - z[k]) + Wh @ dah
        dWx += np.outer(x[k], dax)
        dWh += np.outer(h_prev[k], dah)
        db += dax
    return dx, dh_prev, dWx, dWh, db
''',
        why="a loop over the examples with outer products, matrix-vector products with the weights",
    ),
    SourceEdit.whole_answer(
        "gru_forward_stacks_a_list",
        "gru_forward",
        '''def gru_forward(x, h0, Wx, Wh, b):
    """Run the GRU over a sequence."""
    h, states, cache = h0, [], []
    for x_t in np.moveaxis(x, 1, 0):          # x_t: (N, D), in time order
        h, step_cache = gru_step_forward(x_t, h, Wx, Wh, b)
        states.append(h)
        cache.append(step_cache)
    return np.stack(states, axis=1), cache
''',
        why="iterating over the time axis moved to the front, states stacked at the end",
    ),
    SourceEdit.whole_answer(
        "gru_forward_time_major_buffer",
        "gru_forward",
        '''def gru_forward(x, h0, Wx, Wh, b):
    """Run the GRU over a sequence."""
    N, T, D = x.shape
    H = Wh.shape[0]
    h = np.empty((T, N, H))
    cache = []
    for t in range(T):
        previous = h0 if t == 0 else h[t - 1]
        h[t], step_cache = gru_step_forward(x[:, t, :], previous, Wx, Wh, b)
        cache.append(step_cache)
    return h.transpose(1, 0, 2), cache
''',
        why="a time-major buffer that the next step reads its state from, transposed at the end",
    ),
    SourceEdit.whole_answer(
        "gru_backward_gradient_lists",
        "gru_backward",
        '''def gru_backward(dh, cache):
    """Backward pass of gru_forward."""
    N, T, H = dh.shape
    dx_steps, dWx_steps, dWh_steps, db_steps = [], [], [], []
    from_later = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dx_t, from_later, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t] + from_later, cache[t])
        dx_steps.append(dx_t)
        dWx_steps.append(dWx_t)
        dWh_steps.append(dWh_t)
        db_steps.append(db_t)
    return (np.stack(dx_steps[::-1], axis=1), from_later, np.sum(dWx_steps, axis=0), sum(dWh_steps),
            np.add.reduce(db_steps))
''',
        why="per-step gradients collected in lists, reversed, stacked and summed at the end",
    ),
    SourceEdit.whole_answer(
        "gru_backward_enumerated_cache",
        "gru_backward",
        '''def gru_backward(dh, cache):
    """Backward pass of gru_forward."""
    Wx, Wh = cache[0][2], cache[0][3]
    dx_by_step = [None] * len(cache)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[1])
    carried = np.zeros_like(dh[:, 0])
    for t, step_cache in reversed(list(enumerate(cache))):
        grads = gru_step_backward(dh[:, t, :] + carried, step_cache)
        dx_by_step[t], carried = grads[0], grads[1]
        dWx, dWh, db = dWx + grads[2], dWh + grads[3], db + grads[4]
    return np.stack(dx_by_step, axis=1), carried, dWx, dWh, db
''',
        why="reversed(list(enumerate(cache))), shapes read from the cached weights, sums rebuilt at each step",
    ),
    SourceEdit.whole_answer(
        "gru_backward_without_the_step_function",
        "gru_backward",
        '''def gru_backward(dh, cache):
    """Backward pass of gru_forward."""
    N, T, H = dh.shape
    Wx, Wh = cache[0][2], cache[0][3]
    xs = np.stack([step[0] for step in cache], axis=1)          # (N, T, D)
    h_prevs = np.stack([step[1] for step in cache], axis=1)     # (N, T, H)
    dax, dah = np.zeros((N, T, 3 * H)), np.zeros((N, T, 3 * H))
    g = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        _, h_prev, _, _, r, z, n, hidden_n = cache[t]
        g = g + dh[:, t]
        da_n = g * z * (1 - n ** 2)
        da_z = g * (n - h_prev) * z * (1 - z)
        da_r = da_n * hidden_n * r * (1 - r)
        dax[:, t] = np.concatenate([da_r, da_z, da_n], axis=1)
        dah[:, t] = np.concatenate([da_r, da_z, da_n * r], axis=1)
        g = g * (1 - z) + dah[:, t] @ Wh.T
    # the weight gradients of all steps at once, after the walk back
    dWx = np.einsum("ntd,ntk->dk", xs, dax)
    dWh = np.einsum("nth,ntk->hk", h_prevs, dah)
    return dax @ Wx.T, g, dWx, dWh, dax.sum(axis=(0, 1))
''',
        why="the step's derivatives written inline, pre-activation gradients kept for every step, "
            "weight gradients by einsum over batch and time after the loop",
    ),
)



PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{**{name + '_step_ms': 1000 * seconds for name, seconds in timings.items()}, "
        "'gru_heldout_perplexity': gru_perplexity, 'lstm_heldout_perplexity': lstm_perplexity, "
        "'unigram_perplexity': baseline, 'gradient_ratio_99_back': gru_norms[99] / lstm_norms[99], "
        "'training_steps': TRAINING_STEPS}"
    ),
    trusted_verdict=True,
)
