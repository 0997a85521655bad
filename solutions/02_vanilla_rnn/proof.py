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
        name="perplexity_as_arithmetic_mean",
        exercise="perplexity",
        old="np.exp(-np.mean(np.log(picked)))",
        new="np.mean(1.0 / picked)",
        loses=("perplexity",),
        why="the arithmetic mean of 1/p instead of the geometric mean",
    ),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    quality_probe=(
        "{'heldout_perplexity': history.heldout_perplexity[-1], "
        "'unigram_perplexity': baseline, 'training_steps': TRAINING_STEPS}"
    ),
)
