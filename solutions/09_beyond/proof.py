"""Lesson 09 (self-attention, masks, residual blocks): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit


WRONG_ANSWERS = (
    SourceEdit(
        name="attention_softmax_over_queries",
        exercise="scaled_dot_product_attention",
        old="torch.softmax(scores, dim=-1)",
        new="torch.softmax(scores, dim=-2)",
        # SelfAttentionBlock calls the learner's attention, so it is wrong too
        loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
        why="the softmax normalises over the queries instead of the keys",
    ),
    SourceEdit(
        name="attention_not_scaled",
        exercise="scaled_dot_product_attention",
        old=" / math.sqrt(d_k)",
        new="",
        loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
        why="scores q k^T without the division by sqrt(d_k)",
    ),
    SourceEdit(
        name="attention_masks_after_softmax",
        exercise="scaled_dot_product_attention",
        old=("    if mask is not None:\n"
             "        scores = scores.masked_fill(~mask, float(\"-inf\"))\n"
             "    weights = torch.softmax(scores, dim=-1)\n"),
        new=("    weights = torch.softmax(scores, dim=-1)\n"
             "    if mask is not None:\n"
             "        weights = weights.masked_fill(~mask, 0.0)\n"),
        loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
        why="zeroes masked weights after the softmax: rows no longer sum to 1 and padding still counts",
    ),
    SourceEdit(
        name="padding_mask_off_by_one",
        exercise="padding_mask",
        old="torch.arange(T)[None, :] < lengths[:, None]",
        new="torch.arange(T)[None, :] <= lengths[:, None]",
        loses=("padding_mask",),
        why="lets every query see the first padded position",
    ),
    SourceEdit(
        name="padding_mask_without_query_axis",
        exercise="padding_mask",
        old="[:, None, :]",
        new="",
        loses=("padding_mask",),
        why="returns (N, T), which broadcasts against (N, Tq, Tk) as if N were the query axis",
    ),
    SourceEdit(
        name="causal_mask_transposed",
        exercise="causal_mask",
        old="torch.tril(",
        new="torch.triu(",
        loses=("causal_mask",),
        why="upper-triangular: every position sees the future and not the past",
    ),
    SourceEdit(
        name="causal_mask_without_diagonal",
        exercise="causal_mask",
        old="torch.ones(T, T, dtype=torch.bool))",
        new="torch.ones(T, T, dtype=torch.bool), diagonal=-1)",
        loses=("causal_mask",),
        why="off by one: a position may not attend to itself (and the first sees nothing)",
    ),
    SourceEdit(
        name="block_without_residual",
        exercise="SelfAttentionBlock",
        old="return x + self.out(context)",
        new="return self.out(context)",
        loses=("SelfAttentionBlock",),
        why="the residual (skip) connection is missing",
    ),
    SourceEdit(
        name="block_ignores_mask",
        exercise="SelfAttentionBlock",
        old="self.value(h), mask)",
        new="self.value(h))",
        loses=("SelfAttentionBlock",),
        why="the mask is not passed on: every position sees the future and the padding",
    ),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    quality_probe=(
        "{'order_accuracy_' + name.replace(' + ', '_').replace(' ', '_'): r['accuracy'][-1] "
        "for name, r in results.items()} | "
        "{'order_train_seconds_' + name.replace(' + ', '_').replace(' ', '_'): r['seconds'] "
        "for name, r in results.items()} | "
        "{'residual_gradient_ratio_depth_32': residual_gradient_ratio}"
    ),
)
