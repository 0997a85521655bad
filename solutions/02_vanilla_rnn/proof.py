"""Lesson 02 (the vanilla RNN forward and backward, loss, perplexity): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit

WRONG_ANSWERS = (
    SourceEdit(
        name="tanh_derivative_without_square",
        exercise="rnn_step_backward",
        old="da = dh_next * (1 - h_next ** 2)",
        new="da = dh_next * (1 - h_next)",
        # rnn_backward is built on rnn_step_backward, so it is wrong too
        loses=("rnn_step_backward", "rnn_backward"),
        why="the derivative of tanh written as 1 - h instead of 1 - h**2",
    ),
    SourceEdit(
        name="Wh_used_transposed",
        exercise="rnn_step_forward",
        old="np.tanh(x @ Wx + h_prev @ Wh + b)",
        new="np.tanh(x @ Wx + h_prev @ Wh.T + b)",
        loses=("rnn_step_forward", "rnn_forward"),
        why="the recurrent weight applied transposed (same shape, wrong numbers)",
    ),
    SourceEdit(
        name="forward_restarts_from_h0",
        exercise="rnn_forward",
        old="rnn_step_forward(x[:, t], h_prev, Wx, Wh, b)",
        new="rnn_step_forward(x[:, t], h0, Wx, Wh, b)",
        loses=("rnn_forward",),
        why="every step starts from h0 instead of the previous state",
    ),
    SourceEdit(
        name="shared_weight_gradients_not_summed",
        exercise="rnn_backward",
        old="        dWx += dWx_t\n        dWh += dWh_t\n        db += db_t",
        new="        dWx = dWx_t\n        dWh = dWh_t\n        db = db_t",
        loses=("rnn_backward",),
        why="keeps only the first step's weight gradients instead of summing over time",
    ),
    SourceEdit(
        name="gradient_not_carried_back_through_time",
        exercise="rnn_backward",
        old="rnn_step_backward(dh[:, t] + dh_prev, cache[t])",
        new="rnn_step_backward(dh[:, t], cache[t])",
        loses=("rnn_backward",),
        why="drops the gradient arriving from step t + 1",
    ),
    SourceEdit(
        name="mask_ignored_in_loss",
        exercise="temporal_softmax_loss",
        old="mask = np.ones((N, T)) if mask is None else np.asarray(mask, dtype=float)",
        new="mask = np.ones((N, T))",
        loses=("temporal_softmax_loss",),
        why="padded steps count in the loss and get gradients",
    ),
    SourceEdit(
        name="loss_takes_log_of_softmax",
        exercise="temporal_softmax_loss",
        old="    log_probs = shifted - np.log(np.exp(shifted).sum(axis=2, keepdims=True))\n",
        new="    log_probs = np.log(np.exp(shifted) / np.exp(shifted).sum(axis=2, keepdims=True))\n",
        loses=("temporal_softmax_loss",),
        why="log of the softmax: -inf once a wrong target's probability underflows to 0 (the text "
            "and the docstring ask for shifted - log(sum(exp(shifted))))",
    ),
    SourceEdit(
        name="perplexity_as_arithmetic_mean",
        exercise="perplexity",
        old="np.exp(-np.mean(np.log(picked)))",
        new="np.mean(1.0 / picked)",
        loses=("perplexity",),
        why="the arithmetic mean of 1/p instead of the geometric mean",
    ),
    SourceEdit(
        name="sample_multiplies_by_the_temperature",
        exercise="sample_next",
        old="scaled = scores / temperature",
        new="scaled = scores * temperature",
        loses=("sample_next",),
        why="softmax(scores * temperature): sharper above 1 and flatter below, the wrong way round",
    ),
    SourceEdit(
        name="sample_without_the_shift",
        exercise="sample_next",
        old="p = np.exp(scaled - scaled.max())",
        new="p = np.exp(scaled)",
        loses=("sample_next",),
        why="np.exp of scores / temperature overflows to inf at small temperatures (inf / inf = nan)",
    ),
    SourceEdit(
        name="sample_with_a_fresh_generator",
        exercise="sample_next",
        old="return int(rng.choice(len(p), p=p / p.sum()))",
        new="return int(np.random.default_rng().choice(len(p), p=p / p.sum()))",
        loses=("sample_next",),
        why="right frequencies, but not from the generator given: the same seed gives other text "
            "(the docstring asks for every draw from rng)",
    ),
)


# Correct answers written the way learners write them, differently from the solution: each must
# keep every point (a hidden or visible test that fails one is a bug in the test).
RIGHT_ANSWERS = (
    SourceEdit.whole_answer("rnn_step_forward_with_einsum", "rnn_step_forward", '''\
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    a = np.einsum("nd,dh->nh", x, Wx) + np.einsum("nk,kh->nh", h_prev, Wh) + b[None, :]
    h_next = np.tanh(a)
    return h_next, (x, h_prev, Wx, Wh, h_next)
''', why="einsum for both products, the bias broadcast explicitly"),
    SourceEdit.whole_answer("rnn_step_forward_row_by_row_with_exp", "rnn_step_forward", '''\
def rnn_step_forward(x, h_prev, Wx, Wh, b):
    N, H = h_prev.shape
    h_next = np.zeros((N, H))
    for n in range(N):
        a = np.dot(Wx.T, x[n]) + np.dot(Wh.T, h_prev[n]) + b
        h_next[n] = 1 - 2 / (np.exp(2 * a) + 1)      # tanh(a), written with exp
    cache = (x, h_prev, Wx, Wh, h_next)
    return h_next, cache
''', why="one example at a time with np.dot on transposed weights, tanh written as 1 - 2/(e^(2a) + 1)"),
    SourceEdit.whole_answer("rnn_step_backward_with_einsum", "rnn_step_backward", '''\
def rnn_step_backward(dh_next, cache):
    x, h_prev, Wx, Wh, h_next = cache
    da = dh_next - dh_next * h_next * h_next
    dx = np.einsum("nh,dh->nd", da, Wx)
    dh_prev = np.einsum("nh,kh->nk", da, Wh)
    dWx = np.einsum("nd,nh->dh", x, da)
    dWh = np.einsum("nk,nh->kh", h_prev, da)
    db = np.sum(da, axis=0)
    return dx, dh_prev, dWx, dWh, db
''', why="einsum, and tanh' expanded as dh - dh * h * h"),
    SourceEdit.whole_answer("rnn_step_backward_per_example_outer_products", "rnn_step_backward", '''\
def rnn_step_backward(dh_next, cache):
    x, h_prev, Wx, Wh, h_next = cache
    N, D = x.shape
    H = h_prev.shape[1]
    dx, dh_prev = np.zeros((N, D)), np.zeros((N, H))
    dWx, dWh, db = np.zeros((D, H)), np.zeros((H, H)), np.zeros(H)
    for n in range(N):
        da = dh_next[n] * (1 - h_next[n] ** 2)
        dx[n] = np.matmul(Wx, da)
        dh_prev[n] = np.matmul(Wh, da)
        dWx += np.outer(x[n], da)
        dWh += np.outer(h_prev[n], da)
        db += da
    return dx, dh_prev, dWx, dWh, db
''', why="a loop over the batch summing outer products, matmul with the untransposed weight on "
         "the left side"),
    SourceEdit.whole_answer("rnn_forward_stacks_a_list_of_states", "rnn_forward", '''\
def rnn_forward(x, h0, Wx, Wh, b):
    states, cache = [], []
    h = h0
    for x_t in x.transpose(1, 0, 2):             # (T, N, D): one (N, D) slice per step
        h, step_cache = rnn_step_forward(x_t, h, Wx, Wh, b)
        states.append(h)
        cache.append(step_cache)
    return np.stack(states, axis=1), cache
''', why="iterates over the time axis of a transposed view and stacks the states at the end"),
    SourceEdit.whole_answer("rnn_forward_with_a_while_loop_and_a_preallocated_cache", "rnn_forward", '''\
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    H = Wh.shape[0]
    h = np.empty((N, T, H))
    cache = [None] * T
    t = 0
    while t < T:
        previous = h0 if t == 0 else h[:, t - 1]
        h[:, t], cache[t] = rnn_step_forward(x[:, t, :], previous, Wx, Wh, b)
        t += 1
    return h, cache
''', why="a preallocated cache list, the previous state read back from the output array"),
    SourceEdit.whole_answer("rnn_backward_carries_the_running_sum", "rnn_backward", '''\
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    x0, _, Wx, Wh, _ = cache[0]
    dx = np.zeros((N, T, x0.shape[1]))
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dh_next = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        grads = rnn_step_backward(dh[:, t, :] + dh_next, cache[t])
        dx[:, t, :] = grads[0]
        dh_next = grads[1]
        dWx, dWh, db = dWx + grads[2], dWh + grads[3], db + grads[4]
    dh0 = dh_next
    return dx, dh0, dWx, dWh, db
''', why="shapes read from the weights in the cache, a countdown range, tuple indexing"),
    SourceEdit.whole_answer("rnn_backward_written_out_without_the_step", "rnn_backward", '''\
def rnn_backward(dh, cache):
    T = len(cache)
    Wx, Wh = cache[0][2], cache[0][3]
    dWx, dWh, db = 0.0 * Wx, 0.0 * Wh, 0.0 * Wh[0]
    dxs = [None] * T
    carried = 0.0 * dh[:, 0]
    for t in reversed(range(T)):
        x_t, h_before, _, _, h_t = cache[t]
        da = (dh[:, t] + carried) * (1.0 - h_t ** 2)
        dxs[t] = da @ Wx.T
        carried = da @ Wh.T
        dWx = dWx + x_t.T @ da
        dWh = dWh + h_before.T @ da
        db = db + da.sum(axis=0)
    return np.stack(dxs, axis=1), carried, dWx, dWh, db
''', why="BPTT written out in full (the textbook form), without calling rnn_step_backward"),
    SourceEdit.whole_answer("temporal_softmax_loss_loops_over_steps", "temporal_softmax_loss", '''\
def temporal_softmax_loss(scores, targets, mask=None):
    N, T, V = scores.shape
    if mask is None:
        mask = np.ones((N, T))
    loss, dscores, counted = 0.0, np.zeros_like(scores, dtype=float), 0.0
    for n in range(N):
        for t in range(T):
            if not mask[n, t]:
                continue
            row = scores[n, t] - np.max(scores[n, t])
            log_sum = np.log(np.sum(np.exp(row)))
            loss -= row[targets[n, t]] - log_sum
            dscores[n, t] = np.exp(row - log_sum)
            dscores[n, t, targets[n, t]] -= 1.0
            counted += 1
    return loss / counted, dscores / counted
''', why="a double loop over the counted steps, log-sum-exp per row, divided by the count at the end"),
    SourceEdit.whole_answer("temporal_softmax_loss_with_one_hot_and_boolean_mask", "temporal_softmax_loss", '''\
def temporal_softmax_loss(scores, targets, mask=None):
    N, T, V = scores.shape
    keep = np.ones((N, T), dtype=bool) if mask is None else np.asarray(mask).astype(bool)
    shifted = scores - np.max(scores, axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1))[..., None]
    targets_one_hot = np.eye(V)[targets]                    # (N, T, V)
    step_losses = -(targets_one_hot * log_probs).sum(axis=-1)
    loss = step_losses[keep].mean()
    dscores = (np.exp(log_probs) - targets_one_hot) * keep[..., None] / keep.sum()
    return loss, dscores
''', why="one-hot targets from np.eye, a boolean mask and a mean over the kept steps"),
    SourceEdit.whole_answer("perplexity_sums_logs_in_a_loop", "perplexity", '''\
import math

def perplexity(probs, targets):
    total, count = 0.0, 0
    for probs_row, targets_row in zip(probs, targets):
        for p, target in zip(probs_row, targets_row):
            total += math.log(p[target])
            count += 1
    return math.exp(-total / count)
''', why="loops with math.log and math.exp, the mean taken by hand"),
    SourceEdit.whole_answer("perplexity_with_fancy_indexing_in_bits", "perplexity", '''\
def perplexity(probs, targets):
    N, T, V = probs.shape
    p = probs[np.arange(N)[:, None], np.arange(T)[None, :], targets]
    return 2.0 ** np.mean(-np.log2(p))
''', why="fancy indexing for the targets' probabilities, the entropy in bits and 2 ** it"),
    SourceEdit.whole_answer("sample_next_with_the_gumbel_max_trick", "sample_next", '''\
def sample_next(scores, temperature, rng):
    scores = np.asarray(scores, dtype=float)
    if temperature == 0:
        return int(np.argmax(scores))
    # argmax of scores / T plus Gumbel noise is an exact draw from softmax(scores / T), no exp at all
    return int(np.argmax(scores / temperature + rng.gumbel(size=scores.shape)))
''', why="the Gumbel-max trick: another exact sampler that never exponentiates"),
    SourceEdit.whole_answer("sample_next_with_cumsum_and_searchsorted", "sample_next", '''\
def sample_next(scores, temperature, rng):
    if temperature <= 0:
        return int(np.argmax(scores))
    p = softmax(np.asarray(scores, dtype=float) / temperature)
    cumulative = np.cumsum(p)
    return int(min(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"), len(p) - 1))
''', why="the lesson's softmax helper, then the inverse of the cumulative distribution at one uniform draw"),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{'heldout_perplexity': history.heldout_perplexity[-1], "
        "'unigram_perplexity': baseline, 'training_steps': TRAINING_STEPS}"
    ),
    trusted_verdict=True,
)
