"""Toy translation pairs (addition, dates) as tensors for Seq2Seq models, and how to score them.

A pair ``(question, answer)`` of fixed-width strings (from ``helpers.translation_pairs``)
becomes a source row of character ids and a target row that starts with the start token
``_``: the decoder reads ``target[:, :-1]`` and learns to predict ``target[:, 1:]``
(teacher forcing), and at test time starts from ``_`` alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from .batches import tensor_batches
from .history import TrainingHistory
from .settings import short_epoch
from .text import CharVocabulary

__all__ = ["START", "TranslationTensors", "vocabulary_for", "to_tensors", "exact_match", "decode_rows",
           "next_token_loss", "train_translator"]

START = "_"


def vocabulary_for(*pair_lists) -> CharVocabulary:
    """Every character of the questions and answers, plus the start token."""
    chars = {START}
    for pairs in pair_lists:
        for question, answer in pairs:
            chars.update(question)
            chars.update(answer)
    return CharVocabulary(tuple(sorted(chars)))


@dataclass
class TranslationTensors:
    """source (N, S) and target (N, 1 + A) int64 ids; target[:, 0] is the start token."""

    source: torch.Tensor
    target: torch.Tensor

    def __len__(self) -> int:
        return len(self.source)

    def batches(self, batch_size: int, seed: int | None = 0) -> list:
        """``[((source, target), (target,)), ...]``: the (inputs, targets) form of lesson 05's ``fit``."""
        return tensor_batches((self.source, self.target), (self.target,), batch_size, seed)


def to_tensors(pairs, vocabulary: CharVocabulary, reverse_source: bool = False) -> TranslationTensors:
    """Encode fixed-width pairs; ``reverse_source`` reads each question back to front."""
    widths = {(len(q), len(a)) for q, a in pairs}
    if len(widths) != 1:
        raise ValueError(f"pairs must be padded to one width each, found (question, answer) widths {sorted(widths)}")
    source = np.stack([vocabulary.encode(q[::-1] if reverse_source else q) for q, _ in pairs])
    target = np.stack([vocabulary.encode(START + a) for _, a in pairs])
    return TranslationTensors(torch.as_tensor(source), torch.as_tensor(target))


def exact_match(predicted, target) -> float:
    """Share of rows where every predicted id equals the target's (target without its start token)."""
    predicted, target = torch.as_tensor(predicted), torch.as_tensor(target)
    if predicted.shape != target.shape:
        raise ValueError(f"predicted {tuple(predicted.shape)} and target {tuple(target.shape)} differ in shape")
    return float((predicted == target).all(dim=1).float().mean())


def decode_rows(vocabulary: CharVocabulary, rows) -> list[str]:
    """Each row of ids as text."""
    return [vocabulary.decode(row) for row in torch.as_tensor(rows).tolist()]


def next_token_loss(logits, target) -> torch.Tensor:
    """Cross-entropy of logits (N, A, V) predicting target[:, 1:] (the answer after the start token)."""
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target[:, 1:].reshape(-1))


def train_translator(model, train: TranslationTensors, heldout: TranslationTensors, decode, *,
                     epochs: int, lr: float = 3e-3, batch_size: int = 128, max_norm: float = 5.0,
                     teacher_forcing_ratio: float = 1.0, cosine_decay: bool = True,
                     description: str = "training") -> TrainingHistory:
    """Adam on ``next_token_loss`` with gradient clipping; held-out exact match after every epoch.

    With ``cosine_decay`` the learning rate falls from ``lr`` to 0 along a half cosine over
    the whole run: large steps early, small ones to settle at the end.

    ``model(source, target, teacher_forcing_ratio)`` returns logits (N, A, V);
    ``decode(model, source, start_id, length)`` returns predicted ids (N, A). Batches are
    reshuffled each epoch from the epoch's number, so runs repeat exactly. The history
    records, at each epoch (counted from 1), the mean training ``loss`` over its batches
    and the ``heldout_exact_match``; its ``seconds`` count training only, not the held-out
    evaluations.
    """
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    batches_per_epoch = -(-len(train) // batch_size)
    schedule = (torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs * batches_per_epoch)
                if cosine_decay else None)
    start_id = int(train.target[0, 0])
    answer_length = train.target.shape[1] - 1
    history = TrainingHistory()
    with tqdm(total=epochs, desc=description, unit="epoch") as bar:
        for epoch in range(epochs):
            started, total = time.perf_counter(), 0.0
            model.train()
            batches = short_epoch(train.batches(batch_size, seed=epoch))
            for (source, target), _ in batches:
                optimizer.zero_grad()
                loss = next_token_loss(model(source, target, teacher_forcing_ratio), target)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
                optimizer.step()
                if schedule is not None:
                    schedule.step()
                total += loss.item()
            history.seconds += time.perf_counter() - started
            model.eval()
            with torch.no_grad():
                predicted = decode(model, heldout.source, start_id, answer_length)
            history.record(epoch + 1, loss=total / len(batches),
                           heldout_exact_match=exact_match(predicted, heldout.target[:, 1:]))
            bar.set_postfix(loss=f"{history.loss[-1]:.3f}", heldout=f"{history.heldout_exact_match[-1]:.3f}")
            bar.update()
    return history


class BidirectionalEncoder(nn.Module):
    """Embedding -> bidirectional LSTM over the whole source.

    BidirectionalEncoder(vocab_size, embedding_dim, hidden_size)
    forward(src): src (N, S) int64 ->
      outputs (N, S, 2 * hidden_size): [forward state, backward state] at every position;
      state (h, c), each (1, N, 2 * hidden_size): the two directions' final states joined,
      the first state of a decoder whose hidden size is 2 * hidden_size.
    """

    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)  # one learned vector per character
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True, bidirectional=True)

    def forward(self, src):
        outputs, (h_n, c_n) = self.lstm(self.embedding(src))     # h_n, c_n: (2, N, H), forward first

        def join(directions):  # (2, N, H), forward first -> (1, N, 2H)
            return torch.cat([directions[0], directions[1]], dim=-1)[None]

        return outputs, (join(h_n), join(c_n))
