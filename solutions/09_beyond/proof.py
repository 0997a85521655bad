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
    SourceEdit(
        name="positions_sin_and_cos_swapped",
        exercise="sinusoidal_positions",
        old="P[:, 0::2] = torch.sin(position * frequency)\n    P[:, 1::2] = torch.cos(position * frequency)",
        new="P[:, 0::2] = torch.cos(position * frequency)\n    P[:, 1::2] = torch.sin(position * frequency)",
        loses=("sinusoidal_positions",),
        why="cosines in the even features and sines in the odd ones",
    ),
    SourceEdit(
        name="positions_frequency_exponent_i_over_d",
        exercise="sinusoidal_positions",
        old="10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)",
        new="10000.0 ** (-torch.arange(0, d // 2, dtype=torch.float32) / d)",
        loses=("sinusoidal_positions",),
        why="the exponent i/d with i counting pairs instead of 2i/d: frequencies fall half as fast",
    ),
    SourceEdit(
        name="positions_counted_from_one",
        exercise="sinusoidal_positions",
        old="torch.arange(T, dtype=torch.float32)[:, None]",
        new="torch.arange(1, T + 1, dtype=torch.float32)[:, None]",
        loses=("sinusoidal_positions",),
        why="positions t = 1 ... T instead of 0 ... T - 1",
    ),
)


# Right answers written the way learners write them: each must keep every point.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer("scaled_dot_product_attention_einsum_where", "scaled_dot_product_attention", '''def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k)) v with einsum; masked scores replaced by -inf with torch.where."""
    scores = torch.einsum("nqd,nkd->nqk", q, k) / q.size(-1) ** 0.5
    if mask is not None:
        scores = torch.where(mask, scores, torch.tensor(float("-inf"), dtype=scores.dtype))
    weights = scores.softmax(dim=-1)
    output = torch.einsum("nqk,nkv->nqv", weights, v)
    return output, weights
''', why="einsum, torch.where for the mask, the scale as a power"),
    SourceEdit.whole_answer("scaled_dot_product_attention_additive_mask", "scaled_dot_product_attention", '''def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k)) v, the queries scaled first and the mask added as a float bias."""
    d_k = k.shape[-1]
    scores = torch.matmul(q / math.sqrt(d_k), k.transpose(1, 2))
    if mask is not None:
        bias = torch.zeros(mask.shape, dtype=scores.dtype).masked_fill(~mask, float("-inf"))
        scores = scores + bias
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
''', why="q divided by sqrt(d_k) before the product, an additive -inf bias"),
    SourceEdit.whole_answer("padding_mask_loop", "padding_mask", '''def padding_mask(lengths, T):
    """True where j < lengths[n], filled one sequence at a time."""
    mask = torch.zeros(len(lengths), 1, T, dtype=torch.bool)
    for n, length in enumerate(lengths.tolist()):
        mask[n, 0, :length] = True
    return mask
''', why="a loop over the sequences"),
    SourceEdit.whole_answer("padding_mask_expand_unsqueeze", "padding_mask", '''def padding_mask(lengths, T):
    """True where j < lengths[n], by expand and unsqueeze."""
    positions = torch.arange(T).expand(len(lengths), T)                  # (N, T)
    return (positions < lengths.unsqueeze(1)).unsqueeze(1)
''', why="expand and unsqueeze instead of None indexing"),
    SourceEdit.whole_answer("causal_mask_arange_comparison", "causal_mask", '''def causal_mask(T):
    """True where key j <= query i, by comparing positions."""
    i = torch.arange(T)
    return i[None, :] <= i[:, None]
''', why="arange compared with itself"),
    SourceEdit.whole_answer("causal_mask_loops", "causal_mask", '''def causal_mask(T):
    """True where key j <= query i, with two loops."""
    mask = torch.zeros(T, T, dtype=torch.bool)
    for i in range(T):
        for j in range(i + 1):
            mask[i, j] = True
    return mask
''', why="explicit loops"),
    SourceEdit.whole_answer("causal_mask_not_strict_upper", "causal_mask", '''def causal_mask(T):
    """True where key j <= query i: everything but the strict upper triangle."""
    return ~torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
''', why="the complement of the strict upper triangle"),
    SourceEdit.whole_answer("SelfAttentionBlock_norm_created_last", "SelfAttentionBlock", '''class SelfAttentionBlock(nn.Module):
    """One single-head pre-norm self-attention block with a residual connection."""

    def __init__(self, d_model):
        super().__init__()
        self.query = nn.Linear(d_model, d_model)
        self.key = nn.Linear(d_model, d_model)
        self.value = nn.Linear(d_model, d_model)
        self.out = nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x, mask=None):
        normed = self.norm(x)
        q, k, v = self.query(normed), self.key(normed), self.value(normed)
        attended = scaled_dot_product_attention(q, k, v, mask=mask)[0]
        return self.out(attended) + x
''', why="the LayerNorm created last, the output indexed, the residual added last"),
    SourceEdit.whole_answer("SelfAttentionBlock_residual_variable", "SelfAttentionBlock", '''class SelfAttentionBlock(nn.Module):
    """One single-head pre-norm self-attention block with a residual connection."""

    def __init__(self, d_model):
        super().__init__()
        self.key = nn.Linear(d_model, d_model)
        self.value = nn.Linear(d_model, d_model)
        self.query = nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x, mask=None):
        residual = x
        x = self.norm(x)
        context, weights = scaled_dot_product_attention(self.query(x), self.key(x), self.value(x), mask)
        x = self.out(context)
        return residual + x
''', why="the input kept as `residual` and x reassigned, the layers created in another order"),
    SourceEdit.whole_answer("sinusoidal_positions_in_float64_loops", "sinusoidal_positions", '''\
def sinusoidal_positions(T, d):
    P = [[0.0] * d for _ in range(T)]
    for t in range(T):
        for i in range(0, d, 2):
            angle = t / 10000 ** (i / d)
            P[t][i], P[t][i + 1] = math.sin(angle), math.cos(angle)
    return torch.tensor(P, dtype=torch.float32)
''', why="nested loops over positions and even features in float64 (math.sin), converted at the end"),
    SourceEdit.whole_answer("sinusoidal_positions_stacked_and_interleaved", "sinusoidal_positions", '''\
def sinusoidal_positions(T, d):
    angles = torch.outer(torch.arange(T, dtype=torch.float64), torch.exp(-math.log(10000.0) * torch.arange(0, d, 2) / d))
    return torch.stack([angles.sin(), angles.cos()], dim=-1).reshape(T, d).float()
''', why="the frequencies as exp(-log(10000) 2i/d), sines and cosines stacked on a last axis and interleaved by reshape"),
)


PROOF = LessonProof(
    trusted_verdict=True,
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{'order_accuracy_' + name.replace(' + ', '_').replace(' ', '_'): r['accuracy'][-1] "
        "for name, r in results.items()} | "
        "{'order_train_seconds_' + name.replace(' + ', '_').replace(' ', '_'): r['seconds'] "
        "for name, r in results.items()} | "
        "{'residual_gradient_ratio_depth_32': residual_gradient_ratio}"
    ),
)
