"""Stand-in encoder and decoder with the lessons' interfaces, for testing how a model wires them.

The tests of ``Seq2Seq`` and ``greedy_decode`` (lesson 07) run the learner's wiring on
these instead of the learner's own ``Encoder`` and ``Decoder``, so a bug in one exercise
does not cost the points of another. Their behaviour is simple enough to follow by hand:

- ``SumEncoder``: the final state holds each source row's sum of ids, so every sequence
  is told apart; ``h_n = c_n - 1``.
- ``StepDecoder``: at every step it adds 1 to its state and predicts
  ``(token + round(h)) % vocab_size`` (one-hot logits times 10), and one more than that
  in training mode (so decoding with dropout "on" shows). It records every context it is given.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["SumEncoder", "StepDecoder"]


class SumEncoder(nn.Module):
    """forward(src (N, S)) -> (outputs (N, S, H), (h_n, c_n) each (1, N, H)); h_n = row sums."""

    def __init__(self, hidden_size: int = 3):
        super().__init__()
        self.hidden_size = hidden_size

    def forward(self, src):
        n, s = src.shape
        sums = src.float().sum(dim=1, keepdim=True).expand(n, self.hidden_size)
        outputs = torch.cumsum(src.float(), dim=1)[..., None].expand(n, s, self.hidden_size)
        return outputs, (sums[None].clone(), sums[None] + 1)


class StepDecoder(nn.Module):
    """forward(tokens (N, T), state, context (N, H)) -> (logits (N, T, V), new state)."""

    def __init__(self, vocab_size: int = 13):
        super().__init__()
        self.vocab_size = vocab_size
        self.contexts: list[torch.Tensor] = []

    def forward(self, tokens, state, context):
        if state is None:
            raise ValueError("StepDecoder needs the encoder's state, got None")
        self.contexts.append(context.detach().clone())
        h, c = state
        logits = []
        for t in range(tokens.shape[1]):
            h = h + 1
            predicted = (tokens[:, t] + h[0, :, 0].round().long() + int(self.training)) % self.vocab_size
            logits.append(10.0 * nn.functional.one_hot(predicted, self.vocab_size).float())
        return torch.stack(logits, dim=1), (h, c)
