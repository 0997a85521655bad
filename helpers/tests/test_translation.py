"""helpers.translation: pairs as tensors, batches in fit's form, exact match, the training loop."""

import time

import pytest
import torch

from helpers.batches import batch_rows
from helpers.translation import START, decode_rows, exact_match, to_tensors, train_translator, vocabulary_for
from helpers.translation_pairs import addition_problems


def test_pairs_become_source_and_target_rows_that_start_with_the_start_token():
    pairs = [("12+5   ", "17  "), ("3+40   ", "43  ")]
    vocabulary = vocabulary_for(pairs)
    assert START in vocabulary.chars and "+" in vocabulary.chars
    tensors = to_tensors(pairs, vocabulary)
    assert tensors.source.shape == (2, 7) and tensors.target.shape == (2, 5)
    assert decode_rows(vocabulary, tensors.target) == ["_17  ", "_43  "]
    reversed_rows = decode_rows(vocabulary, to_tensors(pairs, vocabulary, reverse_source=True).source)
    assert reversed_rows == ["   5+21", "   04+3"]
    with pytest.raises(ValueError, match="one width"):
        to_tensors([("1+1", "2"), ("1+10", "11")], vocabulary)


def test_batches_have_fits_form_and_cover_every_pair_once():
    pairs = addition_problems(10, seed=1)
    tensors = to_tensors(pairs, vocabulary_for(pairs))
    batches = tensors.batches(4, seed=2)
    assert [len(inputs[0]) for inputs, _ in batches] == [4, 4, 2]
    for (source, target), (labels,) in batches:
        assert torch.equal(target, labels)
    rows = torch.cat([inputs[0] for inputs, _ in batches])
    assert sorted(map(tuple, rows.tolist())) == sorted(map(tuple, tensors.source.tolist()))


def test_batches_come_in_the_order_they_always_came():
    # The order translation drew itself before helpers.batches served every loop.
    pairs = addition_problems(10, seed=1)
    tensors = to_tensors(pairs, vocabulary_for(pairs))
    expected = [[2, 0, 7, 6], [9, 5, 3, 4], [8, 1]]
    assert [rows.tolist() for rows in batch_rows(10, 4, seed=2)] == expected
    for ((source, target), (labels,)), rows in zip(tensors.batches(4, seed=2), expected):
        assert torch.equal(source, tensors.source[rows]) and torch.equal(target, tensors.target[rows])


def test_exact_match_needs_every_character_right():
    target = torch.tensor([[1, 2], [3, 4], [5, 6]])
    assert exact_match(torch.tensor([[1, 2], [3, 0], [5, 6]]), target) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        exact_match(torch.zeros(3, 1), target)


class _AnswerPrior(torch.nn.Module):
    """Ignores the question: one learned score vector per answer position."""

    def __init__(self, length, vocab_size):
        super().__init__()
        self.scores = torch.nn.Parameter(torch.zeros(length, vocab_size))

    def forward(self, source, target, teacher_forcing_ratio=1.0):
        return self.scores.expand(len(source), -1, -1)


def test_train_translator_lowers_the_loss_and_scores_held_out_answers_every_epoch():
    pairs = [("1+1    ", "2   ")] * 30 + [("2+2    ", "4   ")] * 10
    vocabulary = vocabulary_for(pairs)
    tensors = to_tensors(pairs, vocabulary)
    model = _AnswerPrior(4, len(vocabulary))
    def decode(m, source, start, length):
        return m.scores.argmax(-1).expand(len(source), -1)
    started = time.perf_counter()
    history = train_translator(model, tensors, tensors, decode, epochs=6, lr=0.3, batch_size=8)
    elapsed = time.perf_counter() - started
    assert len(history.loss) == len(history.heldout_exact_match) == 6
    assert history.steps["loss"] == history.steps["heldout_exact_match"] == [1, 2, 3, 4, 5, 6]
    assert history.loss[-1] < history.loss[0]
    assert history.heldout_exact_match[-1] == pytest.approx(0.75)     # always answers "2   "
    assert 0 < history.seconds <= elapsed, (history.seconds, elapsed)  # the training's own time


def test_stand_ins_behave_as_documented():
    from helpers.standins import StepDecoder, SumEncoder

    outputs, (h, c) = SumEncoder(hidden_size=2)(torch.tensor([[1, 2], [3, 4]]))
    assert h.tolist() == [[[3.0, 3.0], [7.0, 7.0]]] and torch.equal(c, h + 1)
    assert outputs.shape == (2, 2, 2)
    decoder = StepDecoder(vocab_size=5).eval()
    logits, (h2, _) = decoder(torch.tensor([[0, 1], [2, 2]]), (h, c), h[-1])
    assert logits.argmax(-1).tolist() == [[(0 + 4) % 5, (1 + 5) % 5], [(2 + 8) % 5, (2 + 9) % 5]]
    assert torch.equal(h2, h + 2) and torch.equal(decoder.contexts[-1], h[-1])
    assert decoder.train()(torch.tensor([[0]]), (h[:, :1], c[:, :1]), h[-1][:1])[0].argmax(-1).item() == 0
    with pytest.raises(ValueError):
        decoder(torch.tensor([[0]]), None, h[-1])


def test_bidirectional_encoder_joins_the_two_directions_at_every_position_and_in_its_state():
    from helpers.translation import BidirectionalEncoder

    torch.manual_seed(0)
    encoder = BidirectionalEncoder(vocab_size=7, embedding_dim=3, hidden_size=4)
    src = torch.randint(0, 7, (2, 5))
    outputs, (h, c) = encoder(src)
    assert outputs.shape == (2, 5, 8) and h.shape == (1, 2, 8) and c.shape == (1, 2, 8)
    # the forward direction ends at the last position, the backward one at the first
    assert torch.allclose(h[0, :, :4], outputs[:, -1, :4]) and torch.allclose(h[0, :, 4:], outputs[:, 0, 4:])
