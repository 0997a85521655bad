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
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
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
)
