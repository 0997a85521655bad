"""helpers.token_tasks: the order (classification) and peak (tagging) tasks."""

import numpy as np

from helpers.token_tasks import PAD, order_task, peak_tagging_task


def test_order_task_labels_follow_the_order_of_a_and_b_and_counts_carry_no_signal():
    sequences, labels = order_task(400, seed=5, min_length=3, max_length=9)
    for tokens, label in zip(sequences, labels):
        assert 3 <= len(tokens) <= 9 and tokens.min() > PAD
        assert (tokens == 1).sum() == 1 and (tokens == 2).sum() == 1
        assert label == int(np.argmax(tokens == 1) < np.argmax(tokens == 2))
    assert 0.4 < labels.mean() < 0.6


def test_peak_tags_mark_tokens_larger_than_both_neighbours():
    sequences, tags = peak_tagging_task(50, seed=2)
    for tokens, tag in zip(sequences, tags):
        for t, value in enumerate(tokens):
            left = tokens[t - 1] if t > 0 else -1
            right = tokens[t + 1] if t + 1 < len(tokens) else -1
            assert tag[t] == int(value > left and value > right)



def test_no_sequence_holds_the_padding_token():
    sequences = order_task(200, seed=1, vocab_size=4)[0] + peak_tagging_task(200, seed=1, vocab_size=3)[0]
    assert all(PAD not in tokens for tokens in sequences)


def test_the_same_seed_gives_the_sequences_it_always_gave():
    # Values recorded before the data generators moved into modules of their own: lessons 05 and 09
    # train on these tasks.
    sequences, labels = order_task(7, seed=0, min_length=3, max_length=5)
    assert [s.tolist() for s in sequences] == [[3, 4, 1, 2, 11], [9, 2, 1, 8], [2, 1, 6, 10], [2, 10, 1],
                                               [2, 1, 5], [1, 3, 2], [8, 2, 1]]
    assert labels.tolist() == [1, 0, 0, 0, 0, 1, 0]
