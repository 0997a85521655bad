import numpy as np
import pytest

from helpers.charmodel import CharLanguageModel, heldout_perplexity, train_language_model
from helpers.gradcheck import numerical_gradient_of_output, relative_error
from helpers.layers import (
    sample_index,
    softmax,
    softmax_cross_entropy,
    temporal_affine_backward,
    temporal_affine_forward,
)
from helpers.optim import Adam
from helpers.settings import QUICK_RUN_VARIABLE, quick_run, steps
from helpers.text import CharVocabulary, one_hot, stream_batches, unigram_perplexity


def test_vocabulary_round_trip_and_unknown_character():
    vocabulary = CharVocabulary.from_text("hello")
    assert vocabulary.chars == ("e", "h", "l", "o")
    assert vocabulary.decode(vocabulary.encode("hole")) == "hole"
    with pytest.raises(KeyError, match="'z' is not in the vocabulary"):
        vocabulary.encode("z")


def test_one_hot_puts_a_single_one_per_row():
    encoded = one_hot(np.array([[2, 0]]), 3)
    assert encoded.shape == (1, 2, 3)
    assert np.array_equal(encoded[0], [[0, 0, 1], [1, 0, 0]])


def test_stream_batches_continue_where_the_last_chunk_ended():
    ids = np.arange(41)
    chunks = list(stream_batches(ids, batch_size=2, chunk_length=5))
    assert len(chunks) == 4                                      # 40 // 2 = 20 per stream
    first_inputs, first_targets = chunks[0]
    assert np.array_equal(first_targets, first_inputs + 1)       # targets are the next character
    assert np.array_equal(chunks[1][0][:, 0], first_inputs[:, -1] + 1)  # chunk 2 picks up after chunk 1
    assert np.array_equal(chunks[0][0][1], [20, 21, 22, 23, 24])        # stream 2 reads the second half
    with pytest.raises(ValueError, match="too short"):
        list(stream_batches(np.arange(5), batch_size=2, chunk_length=5))


def test_unigram_perplexity_of_a_uniform_text_is_the_vocabulary_size():
    ids = np.tile(np.arange(4), 50)
    assert unigram_perplexity(ids, ids, 4) == pytest.approx(4.0)


def test_temporal_affine_backward_matches_numerical_gradients():
    rng = np.random.default_rng(0)
    h, W, b = rng.standard_normal((2, 3, 4)), rng.standard_normal((4, 5)), rng.standard_normal(5)
    upstream = rng.standard_normal((2, 3, 5))
    _, cache = temporal_affine_forward(h, W, b)
    dh, dW, db = temporal_affine_backward(upstream, cache)
    inputs = [h, W, b]
    for k, analytic in enumerate((dh, dW, db)):
        def output_with(v, k=k):
            return temporal_affine_forward(*[v if j == k else a for j, a in enumerate(inputs)])[0]
        assert relative_error(analytic, numerical_gradient_of_output(output_with, inputs[k], upstream)) < 1e-7


def test_softmax_is_a_distribution_even_for_huge_scores():
    probs = softmax(np.array([[1000.0, 1000.0, -1000.0]]))
    assert np.allclose(probs, [[0.5, 0.5, 0.0]])


def test_softmax_cross_entropy_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    scores, targets = rng.standard_normal((2, 3, 6)) * 3, rng.integers(0, 6, (2, 3))
    s = torch.tensor(scores, requires_grad=True)
    reference = torch.nn.functional.cross_entropy(s.reshape(-1, 6), torch.tensor(targets).reshape(-1))
    reference.backward()
    loss, dscores = softmax_cross_entropy(scores, targets)
    assert loss == pytest.approx(reference.item(), rel=1e-10)
    assert np.allclose(dscores, s.grad.numpy(), atol=1e-12)


def test_sampling_temperature_zero_is_argmax_and_sampling_is_seeded():
    scores = np.array([0.1, 3.0, 0.2])
    assert sample_index(scores, 0, np.random.default_rng(0)) == 1
    draws = [sample_index(scores, 1.0, np.random.default_rng(5)) for _ in range(3)]
    assert len(set(draws)) == 1


def test_adam_clips_to_the_global_norm_and_minimises_a_quadratic():
    params = {"w": np.array([3.0, -4.0])}
    optimizer = Adam(params, lr=0.1, clip_norm=1.0)
    assert optimizer.step({"w": 2 * params["w"]}) == pytest.approx(10.0)   # the norm before clipping
    for _ in range(300):
        optimizer.step({"w": 2 * params["w"]})
    assert np.abs(params["w"]).max() < 0.05
    with pytest.raises(KeyError, match="no gradient for parameter"):
        optimizer.step({})


def test_quick_run_switch(monkeypatch):
    monkeypatch.delenv(QUICK_RUN_VARIABLE, raising=False)
    assert not quick_run() and steps(full=100, quick=3) == 100
    monkeypatch.setenv(QUICK_RUN_VARIABLE, "1")
    assert quick_run() and steps(full=100, quick=3) == 3


def _linear_layer_forward(x, h0, Wx, Wh, b):
    # a stand-in "recurrent" layer without recurrence: enough to test the model's plumbing
    return np.tanh(x @ Wx + b), (x, np.tanh(x @ Wx + b), Wx, Wh)


def _linear_layer_backward(dh, cache):
    x, h, Wx, Wh = cache
    da = dh * (1 - h ** 2)
    N, T, D = x.shape
    return (da @ Wx.T, np.zeros((N, h.shape[2])), x.reshape(N * T, D).T @ da.reshape(N * T, -1),
            np.zeros_like(Wh), da.sum(axis=(0, 1)))


def test_char_language_model_learns_a_repeating_text():
    vocabulary = CharVocabulary.from_text("abcd")
    ids = vocabulary.encode("abcd" * 400)
    model = CharLanguageModel(len(vocabulary), 8, _linear_layer_forward, _linear_layer_backward, seed=0)
    before = heldout_perplexity(model, ids, streams=2, chunk=10)
    history = train_language_model(model, ids, ids, steps=60, batch_size=4, chunk_length=10, lr=0.05,
                                   evaluations=3)
    assert before > 3.0 and history.heldout_perplexity[-1] < 1.2
    assert history.steps["train_perplexity"] == list(range(1, 61)) and len(history.train_perplexity) == 60
    assert history.steps["heldout_perplexity"] == [20, 40, 60]      # evaluations=3, evenly spaced
    assert history.seconds > 0
    assert model.generate(vocabulary, "ab", 4, temperature=0) == "abcdab"
