"""The table-driven stand-ins for lesson 07's beam search tests read the row of the prefix each row has read."""

import pytest
import torch

from helpers.beam_search_standins import TreeDecoder, TreeEncoder, tree_node, tree_size


def test_tree_nodes_number_prefixes_breadth_first():
    assert tree_node((), 3) == 0
    assert [tree_node((y,), 3) for y in range(3)] == [1, 2, 3]
    assert tree_node((0, 0), 3) == 4 and tree_node((2, 2), 3) == 12
    assert tree_size(3, 3) == 13 == tree_node((2, 2), 3) + 1
    assert tree_size(5, 1) == 1


def _tables(trees=2, vocab=3, length=3):
    return torch.arange(trees * tree_size(vocab, length) * vocab, dtype=torch.float32).view(trees, -1, vocab)


def test_each_row_reads_its_own_tree_and_prefix_one_step_at_a_time():
    tables = _tables()
    _, state = TreeEncoder()(torch.tensor([[1, 5], [0, 5]]))
    assert torch.equal(state[0], torch.tensor([[[1.0, -1.0], [0.0, -1.0]]]))
    decoder = TreeDecoder(tables, start_id=2).eval()
    logits, state = decoder(torch.tensor([[2], [2]]), state, state[0][-1])
    assert torch.equal(logits[:, 0], tables[[1, 0], 0])                    # the root of each row's tree
    logits, state = decoder(torch.tensor([[0], [1]]), state, state[0][-1])
    assert torch.equal(logits[:, 0], torch.stack([tables[1, tree_node((0,), 3)], tables[0, tree_node((1,), 3)]]))
    # the same two prefixes read in one call of two steps
    _, fresh = TreeEncoder()(torch.tensor([[1], [0]]))
    both, _ = decoder(torch.tensor([[2, 0], [2, 1]]), fresh, fresh[0][-1])
    assert torch.equal(both[:, 1], logits[:, 0])


def test_training_mode_negates_the_logits():
    tables = _tables(trees=1)
    _, state = TreeEncoder()(torch.tensor([[0]]))
    decoder = TreeDecoder(tables, start_id=0)
    assert torch.equal(decoder.train()(torch.tensor([[0]]), state, state[0][-1])[0],
                       -decoder.eval()(torch.tensor([[0]]), state, state[0][-1])[0])


@pytest.mark.parametrize("problem, message", [
    ("h and c differ", "h and c disagree"),
    ("context of another example", "context"),
    ("context not expanded", r"context should be \(4, 2\)"),
    ("state not expanded", r"one state row per beam"),
    ("not the start token", "start token"),
])
def test_a_state_or_context_that_does_not_follow_its_beam_fails_loudly(problem, message):
    decoder = TreeDecoder(_tables(), start_id=2).eval()
    _, (h, c) = TreeEncoder()(torch.tensor([[0], [1]]))
    h4, c4 = h.repeat_interleave(2, dim=1), c.repeat_interleave(2, dim=1)    # two beams per example
    context = h4[-1]
    tokens = torch.full((4, 1), 2)
    if problem == "h and c differ":
        c4 = c4.flip(1)
    elif problem == "context of another example":
        context = context.flip(0)
    elif problem == "context not expanded":
        context = h[-1]
    elif problem == "state not expanded":
        h4, c4 = h, c
    else:
        tokens = torch.zeros(4, 1, dtype=torch.long)
    with pytest.raises(ValueError, match=message):
        decoder(tokens, (h4, c4), context)


def test_more_steps_than_the_table_has_prefixes_fail():
    decoder = TreeDecoder(_tables(length=1), start_id=2).eval()
    _, state = TreeEncoder()(torch.tensor([[0]]))
    _, state = decoder(torch.tensor([[2]]), state, state[0][-1])
    with pytest.raises(ValueError, match="more steps"):
        decoder(torch.tensor([[0]]), state, state[0][-1])
