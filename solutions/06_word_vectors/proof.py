"""Lesson 06 (word vectors): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit

WRONG_ANSWERS = (
    SourceEdit(
        name="co_occurrence_window_off_by_one",
        exercise="co_occurrence",
        old="range(1, window + 1)",
        new="range(1, window)",
        loses=("co_occurrence",),
        why="off by one: words exactly `window` places apart are not counted",
    ),
    SourceEdit(
        name="co_occurrence_counts_only_the_right_context",
        exercise="co_occurrence",
        old="        np.add.at(C, (right, left), 1.0)     # and, symmetrically, to the left\n",
        new="",
        loses=("co_occurrence",),
        why="counts each pair for C[i, j] only, so C is not symmetric",
    ),
    SourceEdit(
        name="ppmi_without_positive_clamp",
        exercise="ppmi",
        old="return np.maximum(pmi, 0.0)",
        new="return pmi",
        loses=("ppmi",),
        why="returns PMI: negative values, and about -30 wherever C is 0",
    ),
    SourceEdit(
        name="ppmi_natural_log",
        exercise="ppmi",
        old="np.log2(",
        new="np.log(",
        loses=("ppmi",),
        why="natural logarithm instead of log base 2",
    ),
    SourceEdit(
        name="embedding_forward_flattens_ids",
        exercise="embedding_forward",
        old="return W[np.asarray(ids)]",
        new="return W[np.ravel(ids)]",
        loses=("embedding_forward",),
        why="right rows, wrong shape: (N*T, D) instead of (N, T, D) for 2-D ids",
    ),
    SourceEdit(
        name="embedding_backward_assigns_repeated_ids",
        exercise="embedding_backward",
        old="np.add.at(dW, np.asarray(ids), dout)",
        new="dW[np.asarray(ids)] = dout",
        loses=("embedding_backward",),
        why="assigns instead of accumulating: a repeated id keeps only its last gradient",
    ),
    SourceEdit(
        name="negative_sampling_wrong_sign_on_negatives",
        exercise="negative_sampling_loss",
        old="np.logaddexp(0.0, neg_score)",
        new="np.logaddexp(0.0, -neg_score)",
        loses=("negative_sampling_loss",),
        why="-log sigmoid(t) for the negatives instead of -log sigmoid(-t)",
    ),
    SourceEdit(
        name="negative_sampling_gradient_missing_mean",
        exercise="negative_sampling_loss",
        old="g_pos = (sigmoid(pos_score) - 1.0) / N",
        new="g_pos = sigmoid(pos_score) - 1.0",
        loses=("negative_sampling_loss",),
        why="the true word's gradient is that of the sum, not of the mean (no 1/N)",
    ),
    SourceEdit(
        name="negative_sampling_log_of_sigmoid",
        exercise="negative_sampling_loss",
        old="loss = (np.logaddexp(0.0, -pos_score).sum() + np.logaddexp(0.0, neg_score).sum()) / N",
        new="loss = -(np.log(sigmoid(pos_score)).sum() + np.log(sigmoid(-neg_score)).sum()) / N",
        loses=("negative_sampling_loss",),
        why="log(sigmoid(s)) is log(0) = -inf for large negative scores",
    ),
    SourceEdit(
        name="partner_ranks_counts_a_itself",
        exercise="partner_ranks",
        old="    similarity[np.arange(len(a)), a] = -np.inf                      # a is not its own rival\n",
        new="",
        loses=("partner_ranks",),
        why="a's cosine with itself (1) beats every partner: every rank one too high",
    ),
    SourceEdit(
        name="partner_ranks_by_dot_product",
        exercise="partner_ranks",
        old="unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)",
        new="unit = vectors",
        loses=("partner_ranks",),
        why="dot products instead of cosines: long vectors become everyone's neighbours",
    ),
    SourceEdit(
        name="partner_ranks_ties_count_against_b",
        exercise="partner_ranks",
        old="return 1 + np.sum(similarity > partner[:, None], axis=1)",
        new="return 1 + np.sum(similarity >= partner[:, None], axis=1)",
        loses=("partner_ranks",),
        why=">= counts b itself and every word exactly as close as b",
    ),
)


# Correct answers written the way learners write them, not the way the solution does. Each must
# keep every point: a test that fails one of them tests something the text never asked for.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer(
        "co_occurrence_loop_over_positions", "co_occurrence",
        """def co_occurrence(ids, vocab_size, window):
    C = np.zeros((vocab_size, vocab_size))
    L = len(ids)
    for t in range(L):
        for s in range(max(0, t - window), min(L, t + window + 1)):
            if s != t:
                C[ids[t], ids[s]] += 1
    return C
""",
        why="the definition as a loop over positions and their windows (the text says a loop is fine)",
    ),
    SourceEdit.whole_answer(
        "co_occurrence_bincount", "co_occurrence",
        """def co_occurrence(ids, vocab_size, window):
    ids = np.array(ids, dtype=np.int64)
    pairs = []
    for d in range(1, window + 1):
        pairs.append(ids[:-d] * vocab_size + ids[d:])      # each pair at distance d as one flat index
    flat = np.concatenate(pairs) if pairs else np.zeros(0, dtype=np.int64)
    upper = np.bincount(flat, minlength=vocab_size * vocab_size).reshape(vocab_size, vocab_size)
    return (upper + upper.T).astype(float)
""",
        why="counts the pairs in one direction with np.bincount, then adds the transpose",
    ),
    SourceEdit.whole_answer(
        "ppmi_textbook_probabilities", "ppmi",
        """def ppmi(C, eps=1e-8):
    N = C.sum()
    P = C / N                                   # P(i, j)
    p = C.sum(axis=1) / N                       # P(i)
    out = np.zeros(C.shape)
    nonzero = C > 0
    expected = np.outer(p, p)
    out[nonzero] = np.log2(P[nonzero] / expected[nonzero])
    return np.maximum(out, 0)
""",
        why="the probabilities of the text, the logarithm taken only where C > 0 (no eps at all)",
    ),
    SourceEdit.whole_answer(
        "ppmi_natural_log_over_log_two", "ppmi",
        """def ppmi(C, eps=1e-8):
    C = np.array(C, dtype=np.float64)
    N = np.sum(C)
    row = C.sum(axis=1, keepdims=True)          # (V, 1)
    col = C.sum(axis=0, keepdims=True)          # (1, V): the same counts, C is symmetric
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(C * N / (row * col)) / np.log(2)
    return np.where(C > 0, np.maximum(pmi, 0.0), 0.0)
""",
        why="log2 as ln / ln 2, broadcasting instead of np.outer, np.where to zero the entries where C = 0",
    ),
    SourceEdit.whole_answer(
        "embedding_forward_take", "embedding_forward",
        """def embedding_forward(W, ids):
    return np.take(W, ids, axis=0)
""",
        why="np.take along the rows",
    ),
    SourceEdit.whole_answer(
        "embedding_forward_one_hot_product", "embedding_forward",
        """def embedding_forward(W, ids):
    ids = np.asarray(ids)
    one_hot = np.eye(W.shape[0])[ids]           # ids.shape + (V,)
    return one_hot @ W                          # the text's onehot(w)^T W, for every id at once
""",
        why="the one-hot matrix product the text starts from",
    ),
    SourceEdit.whole_answer(
        "embedding_forward_loop", "embedding_forward",
        """def embedding_forward(W, ids):
    ids = np.asarray(ids)
    rows = [W[i] for i in ids.reshape(-1)]
    return np.array(rows).reshape(ids.shape + (W.shape[1],))
""",
        why="a loop over the ids, reshaped at the end",
    ),
    SourceEdit.whole_answer(
        "embedding_backward_loop", "embedding_backward",
        """def embedding_backward(dout, ids, vocab_size):
    D = dout.shape[-1]
    dW = np.zeros((vocab_size, D))
    for i, g in zip(np.ravel(ids), np.reshape(dout, (-1, D))):
        dW[i] += g
    return dW
""",
        why="a loop that adds each occurrence's gradient to its row",
    ),
    SourceEdit.whole_answer(
        "embedding_backward_one_hot_product", "embedding_backward",
        """def embedding_backward(dout, ids, vocab_size):
    D = dout.shape[-1]
    one_hot = np.eye(vocab_size)[np.ravel(ids)]          # (number of ids, V)
    return one_hot.T @ dout.reshape(-1, D)               # the text's onehot(ids)^T dout
""",
        why="the matrix form the text gives, dW = onehot(ids)^T dout",
    ),
    SourceEdit.whole_answer(
        "negative_sampling_loops", "negative_sampling_loss",
        """def negative_sampling_loss(h, u_pos, u_neg):
    N, K, D = u_neg.shape
    loss = 0.0
    dh, du_pos, du_neg = np.zeros_like(h), np.zeros_like(u_pos), np.zeros_like(u_neg)
    for n in range(N):
        s = h[n] @ u_pos[n]
        loss += np.logaddexp(0, -s)
        g = (sigmoid(s) - 1) / N
        dh[n] += g * u_pos[n]
        du_pos[n] = g * h[n]
        for k in range(K):
            t = h[n] @ u_neg[n, k]
            loss += np.logaddexp(0, t)
            g = sigmoid(t) / N
            dh[n] += g * u_neg[n, k]
            du_neg[n, k] = g * h[n]
    return loss / N, dh, du_pos, du_neg
""",
        why="loops over the examples and the negatives",
    ),
    SourceEdit.whole_answer(
        "negative_sampling_matmul_stable_softplus", "negative_sampling_loss",
        """def negative_sampling_loss(h, u_pos, u_neg):
    def softplus(x):
        # log(1 + e^x) without overflow: max(x, 0) + log(1 + e^-|x|)
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))

    def logistic(x):
        return 1 / (1 + np.exp(-x))

    N = len(h)
    s = (h * u_pos).sum(-1)                               # (N,)
    t = (u_neg @ h[:, :, None])[:, :, 0]                  # (N, K, D) @ (N, D, 1) -> (N, K)
    loss = (softplus(-s).sum() + softplus(t).sum()) / N
    ds = (logistic(s) - 1) / N
    dt = logistic(t) / N
    dh = ds[:, None] * u_pos + (dt[:, None, :] @ u_neg)[:, 0, :]
    return float(loss), dh, ds[:, None] * h, dt[..., None] * h[:, None, :]
""",
        why="batched matmul instead of einsum, softplus written out stably, its own sigmoid "
            "(which overflows to exp(1000) = inf and still gives the right 0 and 1)",
    ),
    SourceEdit.whole_answer("partner_ranks_in_a_loop_over_pairs", "partner_ranks", '''\
def partner_ranks(vectors, a, b):
    norms = np.sqrt((vectors ** 2).sum(axis=1))
    ranks = []
    for first, second in zip(a, b):
        cosines = vectors @ vectors[first] / (norms * norms[first])
        closer = [w for w in range(len(vectors)) if w != first and cosines[w] > cosines[second]]
        ranks.append(1 + len(closer))
    return np.array(ranks)
''', why="one pair at a time, cosines as dot products over products of norms, the rivals listed"),
    SourceEdit.whole_answer("partner_ranks_with_torch_masks", "partner_ranks", '''\
def partner_ranks(vectors, a, b):
    import torch
    unit = torch.nn.functional.normalize(torch.as_tensor(vectors, dtype=torch.float64), dim=1)
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    cosines = unit[a] @ unit.T
    not_a = torch.ones_like(cosines, dtype=torch.bool)
    not_a[torch.arange(len(a)), a] = False
    closer = (cosines > cosines[torch.arange(len(a)), b][:, None]) & not_a
    return (1 + closer.sum(dim=1)).numpy()
''', why="torch's normalize in float64 and a boolean mask that leaves a out"),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{'vocabulary_size': V, 'corpus_words': len(ids), "
        "'skipgram_first_loss': float(sg['losses'][:20].mean()), "
        "'skipgram_final_loss': float(sg['losses'][-100:].mean()), "
        "'cbow_first_loss': float(cb['losses'][:20].mean()), "
        "'cbow_final_loss': float(cb['losses'][-100:].mean()), "
        "'skipgram_seconds': sg['seconds'], 'cbow_seconds': cb['seconds']} | "
        "{f'{key}_partner_{figure}': value for key, name in "
        "(('svd', 'PPMI + SVD'), ('skipgram', 'skip-gram'), ('cbow', 'CBOW')) "
        "for figure, value in quality[name].items()}"
    ),
    trusted_verdict=True,
)
