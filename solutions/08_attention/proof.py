"""Lesson 08 (attention): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit


WRONG_ANSWERS = (
    SourceEdit(
        name="attention_softmax_over_the_batch",
        exercise="attention_weights",
        old="a = exp / exp.sum(axis=1, keepdims=True)",
        new="a = exp / exp.sum(axis=0, keepdims=True)",
        loses=("attention_weights",),
        why="the softmax normalises over the batch (axis 0) instead of over the positions",
    ),
    SourceEdit(
        name="attention_softmax_without_max_shift",
        exercise="attention_weights",
        old="    scores = scores - scores.max(axis=1, keepdims=True)\n",
        new="",
        loses=("attention_weights",),
        why="exp of large scores overflows to inf and the weights become nan",
    ),
    SourceEdit(
        name="context_summed_over_features",
        exercise="attention_context",
        old="c = (a[:, :, None] * hs).sum(axis=1)",
        new="c = (a[:, :, None] * hs).sum(axis=2)",
        loses=("attention_context",),
        why="the weighted encoder outputs summed over the wrong axis (features, not positions)",
    ),
    SourceEdit(
        name="context_ignores_the_weights",
        exercise="attention_context",
        old="c = (a[:, :, None] * hs).sum(axis=1)",
        new="c = hs.mean(axis=1)",
        loses=("attention_context",),
        why="the context is the plain average of the encoder outputs",
    ),
    SourceEdit(
        name="context_backward_dhs_without_weights",
        exercise="attention_context_backward",
        old="dhs = a[:, :, None] * dc[:, None, :]",
        new="dhs = np.ones_like(a)[:, :, None] * dc[:, None, :]",
        loses=("attention_context_backward",),
        why="every encoder output receives the whole dc, not dc scaled by its weight",
    ),
    SourceEdit(
        name="softmax_backward_without_second_term",
        exercise="attention_weights_backward",
        old="de = a * (da - (a * da).sum(axis=1, keepdims=True))",
        new="de = a * da",
        loses=("attention_weights_backward",),
        why="the softmax Jacobian without its -a_t a_u term (each weight treated as depending on its own score only)",
    ),
    SourceEdit(
        name="weights_backward_dh_skips_the_softmax",
        exercise="attention_weights_backward",
        old='dh = np.einsum("nt,nth->nh", de, hs)',
        new='dh = np.einsum("nt,nth->nh", da, hs)',
        loses=("attention_weights_backward",),
        why="dh uses the gradient of the weights as if it were the gradient of the scores",
    ),
    SourceEdit(
        name="decoder_weights_not_normalised",
        exercise="AttentionDecoder",
        old="weights = torch.softmax(scores, dim=-1)",
        new="weights = torch.exp(scores)",
        loses=("AttentionDecoder",),
        why="exponentiated scores used as weights without dividing by their sum",
    ),
    SourceEdit(
        name="decoder_softmax_over_decoder_steps",
        exercise="AttentionDecoder",
        old="weights = torch.softmax(scores, dim=-1)",
        new="weights = torch.softmax(scores, dim=1)",
        loses=("AttentionDecoder",),
        why="the softmax normalises over the output steps instead of the source positions",
    ),
    SourceEdit(
        name="decoder_attends_with_the_final_state",
        exercise="AttentionDecoder",
        old="scores = hidden @ encoder_outputs.transpose(1, 2)",
        new="scores = (state[0][-1][:, None, :] @ encoder_outputs.transpose(1, 2)).expand(-1, tokens.shape[1], -1)",
        loses=("AttentionDecoder",),
        why="every step's query is the decoder's state after the last step, not h_t",
    ),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    runtime_target_seconds=120.0,
    quality_probe=(
        "{'heldout_exact_match': history.heldout_exact_match[-1], 'training_seconds': history.seconds, "
        "'epochs': len(history.loss), 'training_pairs': len(train_pairs), "
        "'heldout_pairs': len(heldout_pairs)} | "
        "({'lesson07_heldout_exact_match': plain_history.heldout_exact_match[-1], "
        "'lesson07_training_seconds': plain_history.seconds} if plain_history is not None else {})"
    ),
)
