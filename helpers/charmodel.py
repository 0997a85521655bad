"""A character-level language model around any recurrent layer, and its training loop.

The recurrent layer is passed in as two functions with the course's time-layer API,
``forward(x, h0, Wx, Wh, b) -> (h, cache)`` and
``backward(dh, cache) -> (dx, dh0, dWx, dWh, db)``, so the same model trains a learner's
RNN (lesson 02) or LSTM (lesson 03); ``gates`` is the k in ``Wx (D, kH)``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from tqdm.auto import tqdm

from .history import TrainingHistory
from .layers import sample_index, softmax_cross_entropy, temporal_affine_backward, temporal_affine_forward
from .optim import Adam
from .settings import quick_run
from .text import CharVocabulary, one_hot, stream_batches

__all__ = ["CharLanguageModel", "train_language_model", "heldout_perplexity"]


class CharLanguageModel:
    """one-hot characters -> recurrent layer -> scores over the V characters.

    params: Wx (V, gates*H), Wh (H, gates*H), b (gates*H,), W_out (H, V), b_out (V,).
    Wh starts as ``gates`` blocks, each 0.9 times an orthogonal matrix (singular values 0.9).
    """

    def __init__(self, vocabulary_size: int, hidden_size: int, forward: Callable,
                 backward: Callable, gates: int = 1, seed: int = 0):
        rng = np.random.default_rng(seed)
        V, H = vocabulary_size, hidden_size
        self.V, self.H, self.gates = V, H, gates
        self.forward, self.backward = forward, backward
        # each (H, H) block is 0.9 times an orthogonal matrix: all its singular values are 0.9, so
        # it shrinks every direction of the state by the same factor (it is not norm-preserving);
        # for the RNN (gates = 1) no gradient through Wh can grow at the start
        recurrent = np.concatenate([np.linalg.qr(rng.standard_normal((H, H)))[0] * 0.9
                                    for _ in range(gates)], axis=1)
        self.params = {
            "Wx": rng.standard_normal((V, gates * H)) * 0.1,
            "Wh": recurrent,
            "b": np.zeros(gates * H),
            "W_out": rng.standard_normal((H, V)) / np.sqrt(H),
            "b_out": np.zeros(V),
        }

    def parameter_count(self) -> int:
        return sum(p.size for p in self.params.values())

    def scores(self, inputs, h0):
        """inputs (N, T) ids, h0 (N, H) -> scores (N, T, V), states (N, T, H), caches."""
        p = self.params
        h, layer_cache = self.forward(one_hot(inputs, self.V), h0, p["Wx"], p["Wh"], p["b"])
        scores, out_cache = temporal_affine_forward(h, p["W_out"], p["b_out"])
        return scores, h, (layer_cache, out_cache)

    def loss_and_gradients(self, inputs, targets, h0):
        scores, h, (layer_cache, out_cache) = self.scores(inputs, h0)
        loss, dscores = softmax_cross_entropy(scores, targets)
        dh, dW_out, db_out = temporal_affine_backward(dscores, out_cache)
        _, _, dWx, dWh, db = self.backward(dh, layer_cache)
        return loss, {"Wx": dWx, "Wh": dWh, "b": db, "W_out": dW_out, "b_out": db_out}, h[:, -1]

    def generate(self, vocabulary: CharVocabulary, prompt: str, length: int, temperature: float,
                 seed: int = 0) -> str:
        """Sample ``length`` characters after ``prompt`` (re-reading the text so far each time:
        simple, and fine for a few hundred characters)."""
        rng = np.random.default_rng(seed)
        ids = list(vocabulary.encode(prompt))
        for _ in range(length):
            window = np.array(ids[-100:])[None]
            scores, _, _ = self.scores(window, np.zeros((1, self.H)))
            ids.append(sample_index(scores[0, -1], temperature, rng))
        return vocabulary.decode(ids)


def heldout_perplexity(model: CharLanguageModel, ids, streams: int = 8, chunk: int = 100) -> float:
    """exp(mean cross-entropy) over ``ids``, reading them in order with the state carried."""
    h, total, count = np.zeros((streams, model.H)), 0.0, 0
    for inputs, targets in stream_batches(ids, streams, chunk):
        scores, states, _ = model.scores(inputs, h)
        h = states[:, -1]
        total += softmax_cross_entropy(scores, targets)[0] * targets.size
        count += targets.size
    return float(np.exp(total / count))


def train_language_model(model: CharLanguageModel, train_ids, heldout_ids, *, steps: int,
                         batch_size: int = 32, chunk_length: int = 64, lr: float = 5e-3,
                         clip_norm: float = 5.0, evaluations: int = 15,
                         description: str = "training") -> TrainingHistory:
    """Truncated BPTT with Adam and clipping; a progress bar; held-out perplexity as it goes.

    The last hidden state of each chunk starts the next chunk (its gradient is cut there);
    every pass over the text starts from a zero state. The history records
    ``train_perplexity`` (exp of the chunk's loss) at every step and ``heldout_perplexity``
    ``evaluations`` times, at evenly spaced steps and the last; its ``seconds`` include the
    held-out evaluations.
    """
    import time

    optimizer = Adam(model.params, lr=lr, clip_norm=clip_norm)
    history = TrainingHistory()
    if quick_run():        # a few steps under the test suite's switch: one held-out evaluation, at the end
        evaluations = 1
    every = max(steps // evaluations, 1)
    step, started = 0, time.perf_counter()
    with tqdm(total=steps, desc=description, unit="step") as bar:
        while step < steps:
            h = np.zeros((batch_size, model.H))
            for inputs, targets in stream_batches(train_ids, batch_size, chunk_length):
                loss, grads, h = model.loss_and_gradients(inputs, targets, h)
                optimizer.step(grads)
                step += 1
                history.record(step, train_perplexity=np.exp(loss))
                if step % every == 0 or step == steps:
                    history.record(step, heldout_perplexity=heldout_perplexity(model, heldout_ids))
                    bar.set_postfix(heldout_perplexity=f"{history.heldout_perplexity[-1]:.2f}")
                bar.update()
                if step == steps:
                    break
    history.seconds = time.perf_counter() - started
    return history
