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
        old="scores = self.scores(hidden, encoder_outputs)",
        new="scores = self.scores(state[0][-1][:, None, :].expand_as(hidden), encoder_outputs)",
        loses=("AttentionDecoder",),
        why="every step's query is the decoder's state after the last step, not h_t",
    ),
    SourceEdit(
        name="decoder_scores_without_self_scores",
        exercise="AttentionDecoder",
        old="scores = self.scores(hidden, encoder_outputs)",
        new="scores = hidden @ encoder_outputs.transpose(1, 2)",
        loses=("AttentionDecoder",),
        why="forward computes the dot product itself, so a subclass's score (section 9) would be ignored",
    ),
    SourceEdit(
        name="additive_tanh_after_v",
        exercise="additive_attention_scores",
        old="features = torch.tanh(keys[:, None, :, :] + queries[:, :, None, :])    # (N, T, S, A)\n"
            "    return (features * v).sum(dim=-1)",
        new="features = keys[:, None, :, :] + queries[:, :, None, :]\n"
            "    return torch.tanh((features * v).sum(dim=-1))",
        loses=("additive_attention_scores",),
        why="tanh applied after the dot product with v: v . (keys + queries) squashed, every score in (-1, 1)",
    ),
    SourceEdit(
        name="additive_W_h_and_W_s_swapped",
        exercise="additive_attention_scores",
        old="keys = hs @ W_h                                                        # (N, S, A)\n"
            "    queries = h @ W_s",
        new="keys = hs @ W_s                                                        # (N, S, A)\n"
            "    queries = h @ W_h",
        loses=("additive_attention_scores",),
        why="W_s on the encoder outputs and W_h on the decoder states",
    ),
    SourceEdit(
        name="additive_summed_over_source_positions",
        exercise="additive_attention_scores",
        old="return (features * v).sum(dim=-1)",
        new="return (features * v).sum(dim=2)",
        loses=("additive_attention_scores",),
        why="the weighted tanh units summed over the source positions (axis 2) instead of the attention units",
    ),
    SourceEdit(
        name="additive_steps_and_positions_transposed",
        exercise="additive_attention_scores",
        old="features = torch.tanh(keys[:, None, :, :] + queries[:, :, None, :])",
        new="features = torch.tanh(keys[:, :, None, :] + queries[:, None, :, :])",
        loses=("additive_attention_scores",),
        why="keys and queries broadcast the other way round: scores (N, S, T) instead of (N, T, S)",
    ),
)


# Right answers written the way learners write them: each must keep every point.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer("attention_weights_loops", "attention_weights", '''def attention_weights(hs, h):
    """Dot-product attention weights, one example and one position at a time."""
    N, T, H = hs.shape
    a = np.zeros((N, T))
    for n in range(N):
        scores = np.array([np.dot(h[n], hs[n, t]) for t in range(T)])
        scores = scores - np.max(scores)
        weights = np.exp(scores)
        a[n] = weights / np.sum(weights)
    return a, (hs, h, a)
''', why="loops over examples and positions, the max subtracted per example"),
    SourceEdit.whole_answer("attention_weights_matmul_log_sum_exp", "attention_weights", '''def attention_weights(hs, h):
    """Dot-product attention weights with a batched matrix product and log-sum-exp."""
    scores = (hs @ h[:, :, None])[:, :, 0]                                  # (N, T)
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    a = np.exp(shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True)))
    cache = (hs, h, a)
    return a, cache
''', why="matmul for the scores, the softmax as exp(e - logsumexp(e))"),
    SourceEdit.whole_answer("attention_context_einsum", "attention_context", '''def attention_context(a, hs):
    """The context vector with einsum."""
    c = np.einsum("nt,nth->nh", a, hs)
    return c, (a, hs)
''', why="einsum instead of broadcasting"),
    SourceEdit.whole_answer("attention_context_loops", "attention_context", '''def attention_context(a, hs):
    """The context vector, accumulated position by position."""
    N, T, H = hs.shape
    c = np.zeros((N, H))
    for n in range(N):
        for t in range(T):
            c[n] += a[n, t] * hs[n, t]
    return c, (a, hs)
''', why="explicit loops"),
    SourceEdit.whole_answer("attention_context_backward_loops", "attention_context_backward", '''def attention_context_backward(dc, cache):
    """Backward pass of attention_context, one example and position at a time."""
    a, hs = cache
    N, T, H = hs.shape
    da = np.zeros((N, T))
    dhs = np.zeros((N, T, H))
    for n in range(N):
        for t in range(T):
            da[n, t] = hs[n, t] @ dc[n]
            dhs[n, t] = a[n, t] * dc[n]
    return da, dhs
''', why="explicit loops"),
    SourceEdit.whole_answer("attention_context_backward_matmul", "attention_context_backward", '''def attention_context_backward(dc, cache):
    """Backward pass of attention_context with batched matrix products."""
    a, hs = cache
    da = (hs @ dc[:, :, None]).squeeze(-1)                  # (N, T)
    dhs = a[:, :, None] @ dc[:, None, :]                    # outer products (N, T, H)
    return da, dhs
''', why="batched matrix products, dhs as outer products"),
    SourceEdit.whole_answer("attention_weights_backward_explicit_jacobian", "attention_weights_backward", '''def attention_weights_backward(da, cache):
    """Backward pass of attention_weights through the softmax's full Jacobian."""
    hs, h, a = cache
    N, T, H = hs.shape
    de = np.zeros((N, T))
    for n in range(N):
        J = np.diag(a[n]) - np.outer(a[n], a[n])            # J[t, u] = d a_t / d e_u
        de[n] = J.T @ da[n]
    dhs = de[:, :, None] * h[:, None, :]
    dh = (de[:, :, None] * hs).sum(axis=1)
    return dhs, dh
''', why="the (T, T) Jacobian diag(a) - a a^T built for each example"),
    SourceEdit.whole_answer("attention_weights_backward_two_terms_matmul", "attention_weights_backward", '''def attention_weights_backward(da, cache):
    """Backward pass of attention_weights: the two terms of the softmax backward written apart."""
    hs, h, a = cache
    weighted = np.sum(a * da, axis=1, keepdims=True)        # sum over t of a_t da_t
    de = a * da - a * weighted
    dh = (de[:, None, :] @ hs)[:, 0, :]
    dhs = np.einsum("nt,nh->nth", de, h)
    return dhs, dh
''', why="the textbook two-term form, matmul and einsum"),
    SourceEdit.whole_answer("AttentionDecoder_one_step_at_a_time", "AttentionDecoder", '''class AttentionDecoder(nn.Module):
    """An LSTM decoder with dot-product attention, one step at a time."""

    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.out = nn.Linear(2 * hidden_size, vocab_size)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.embedding = nn.Embedding(vocab_size, embedding_dim)

    def scores(self, hidden, encoder_outputs):
        return torch.einsum("nth,nsh->nts", hidden, encoder_outputs)

    def forward(self, tokens, state, encoder_outputs):
        logits, weights = [], []
        for t in range(tokens.shape[1]):
            h_t, state = self.lstm(self.embedding(tokens[:, t:t + 1]), state)       # (N, 1, H)
            scores = self.scores(h_t, encoder_outputs)[:, 0]                        # (N, S)
            a = nn.functional.softmax(scores, dim=1)
            context = torch.einsum("ns,nsh->nh", a, encoder_outputs)                # (N, H)
            logits.append(self.out(torch.cat([context, h_t[:, 0]], dim=1)))
            weights.append(a)
        return torch.stack(logits, dim=1), state, torch.stack(weights, dim=1)
''', why="a loop over the steps with einsum, the layers created in reverse order"),
    SourceEdit.whole_answer("AttentionDecoder_bmm_explicit_softmax", "AttentionDecoder", '''class AttentionDecoder(nn.Module):
    """An LSTM decoder with dot-product attention, torch.bmm and a softmax written out."""

    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.out = nn.Linear(2 * hidden_size, vocab_size)

    def scores(self, hidden, encoder_outputs):
        return torch.bmm(hidden, encoder_outputs.permute(0, 2, 1))             # (N, T, S)

    def forward(self, tokens, state, encoder_outputs):
        embedded = self.embedding(tokens)                                      # (N, T, E)
        hidden, (h_n, c_n) = self.lstm(embedded, state)                        # (N, T, H)
        scores = self.scores(hidden, encoder_outputs)
        scores = scores - scores.max(dim=2, keepdim=True).values
        weights = scores.exp() / scores.exp().sum(dim=2, keepdim=True)
        context = torch.bmm(weights, encoder_outputs)                          # (N, T, H)
        logits = self.out(torch.cat((context, hidden), dim=2))
        return logits, (h_n, c_n), weights
''', why="torch.bmm and a max-shifted softmax written out"),
    SourceEdit.whole_answer("additive_attention_scores_loop_over_units", "additive_attention_scores", '''def additive_attention_scores(hs, h, W_h, W_s, v):
    """Additive attention scores, one attention unit at a time."""
    e = 0
    for a in range(v.shape[0]):
        key = hs @ W_h[:, a]                                              # (N, S)
        query = h @ W_s[:, a]                                             # (N, T)
        e = e + v[a] * torch.tanh(query[:, :, None] + key[:, None, :])    # (N, T, S)
    return e
''', why="a loop over the A attention units, each a (N, T, S) grid of tanh(query + key)"),
    SourceEdit.whole_answer("additive_attention_scores_linear_einsum", "additive_attention_scores", '''def additive_attention_scores(hs, h, W_h, W_s, v):
    """Additive attention scores with torch.nn.functional.linear and einsum."""
    keys = torch.nn.functional.linear(hs, W_h.t()).unsqueeze(1)          # (N, 1, S, A)
    queries = torch.nn.functional.linear(h, W_s.t()).unsqueeze(2)        # (N, T, 1, A)
    return torch.einsum("ntsa,a->nts", torch.tanh(queries + keys), v)
''', why="nn.functional.linear (weights transposed, as nn.Linear stores them), unsqueeze and einsum"),
)


PROOF = LessonProof(
    trusted_verdict=True,
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{'heldout_exact_match': history.heldout_exact_match[-1], 'training_seconds': history.seconds, "
        "'epochs': len(history.loss), 'training_pairs': len(train_pairs), "
        "'heldout_pairs': len(heldout_pairs), "
        "'additive_heldout_exact_match': additive_history.heldout_exact_match[-1], "
        "'additive_training_seconds': additive_history.seconds} | "
        "({'lesson07_heldout_exact_match': plain_history.heldout_exact_match[-1], "
        "'lesson07_training_seconds': plain_history.seconds} if plain_history is not None else {})"
    ),
)
