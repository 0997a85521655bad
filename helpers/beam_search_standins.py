"""Stand-in encoder and decoder for testing beam search (lesson 07): next-token scores read from a table.

A beam search is hard to check on a trained model: nobody knows its best answer. These two
modules have the interfaces of lesson 07's ``Encoder`` and ``Decoder`` (a state ``(h, c)`` each
``(1, N, H)``, a context ``(N, H)``), but the decoder's logits come from a table with one row per
answer prefix, so the best answer of a tiny task can be found by hand or by trying every answer.

- ``TreeEncoder``: row ``n`` of the source picks its table, ``tree = src[n, 0]``; the final
  state has ``H = 2``: ``h_n = c_n = (tree, -1)``, the table and the node (-1: nothing read yet).
- ``TreeDecoder(logits, start_id)``: ``logits`` has shape (trees, nodes, V). The prefixes of an
  answer are the nodes of a complete V-ary tree: the empty prefix is node 0, and the prefix
  followed by token ``y`` is node ``V * node + 1 + y`` (``tree_node``). The first token a row reads
  must be ``start_id`` and takes it to node 0; every later token moves it to that child. At each
  step the decoder returns ``logits[tree, node]``, negated in training mode (so decoding with
  dropout "on" shows), and the state ``h = c = (tree, node)``. It checks that ``h`` and ``c``
  agree and that each row's context names the same tree as its state, so a state or a context
  not reordered like the beams fails loudly instead of quietly reading another example's table.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["TreeEncoder", "TreeDecoder", "tree_node", "tree_size"]


def tree_node(prefix, vocab_size: int) -> int:
    """The node of an answer prefix (a sequence of token ids) in the complete V-ary tree: () -> 0."""
    node = 0
    for token in prefix:
        node = vocab_size * node + 1 + int(token)
    return node


def tree_size(vocab_size: int, length: int) -> int:
    """How many prefixes a decoder reads while writing ``length`` tokens: those of 0 ... length - 1 tokens."""
    return sum(vocab_size ** t for t in range(length))


class TreeEncoder(nn.Module):
    """forward(src (N, S)) -> (outputs (N, S, 2), (h_n, c_n) each (1, N, 2)): h_n = c_n = (src[:, 0], -1)."""

    def forward(self, src):
        n, s = src.shape
        state = torch.stack([src[:, 0].float(), torch.full((n,), -1.0)], dim=1)     # (N, 2): tree, node
        return state[:, None, :].expand(n, s, 2).clone(), (state[None].clone(), state[None].clone())


class TreeDecoder(nn.Module):
    """forward(tokens (N, T), state, context (N, 2)) -> (logits (N, T, V), new state); see the module."""

    def __init__(self, logits, start_id: int):
        super().__init__()
        self.register_buffer("table", torch.as_tensor(logits, dtype=torch.float32).clone())
        if self.table.dim() != 3:
            raise ValueError(f"TreeDecoder needs logits of shape (trees, nodes, V), got {tuple(self.table.shape)}")
        self.start_id = int(start_id)

    def forward(self, tokens, state, context):
        if state is None:
            raise ValueError("TreeDecoder needs the encoder's state (h, c), got None")
        h, c = state
        rows = tokens.shape[0]
        if tuple(h.shape) != (1, rows, 2) or tuple(c.shape) != (1, rows, 2):
            raise ValueError(f"the state should be (h, c) each (1, {rows}, 2) for {rows} rows of tokens, "
                             f"got {tuple(h.shape)} and {tuple(c.shape)}: one state row per beam")
        if not torch.equal(h, c):
            raise ValueError("the state's h and c disagree: reorder both of them the same way")
        if context is None or tuple(context.shape) != (rows, 2):
            shape = None if context is None else tuple(context.shape)
            raise ValueError(f"the context should be ({rows}, 2), one row per row of tokens, got {shape}")
        tree, node = h[0, :, 0].round().long(), h[0, :, 1].round().long()
        if not torch.equal(context[:, 0].round().long(), tree):
            raise ValueError("a row's context is not the context of that row's example: expand and reorder "
                             "the context like the state, so that each beam keeps its example's context")
        vocab_size = self.table.shape[2]
        logits = []
        for t in range(tokens.shape[1]):
            token = tokens[:, t].long()
            first = node < 0
            if bool((first & (token != self.start_id)).any()):
                raise ValueError(f"the first token a row reads should be the start token {self.start_id}")
            node = torch.where(first, torch.zeros_like(node), vocab_size * node + 1 + token)
            if bool((node >= self.table.shape[1]).any()):
                raise ValueError(f"the table has {self.table.shape[1]} prefixes: the decoder was run for more "
                                 "steps than it has answer tokens")
            step = self.table[tree, node]                                  # (N, V)
            logits.append(-step if self.training else step)
        state = torch.stack([tree.float(), node.float()], dim=1)[None]          # (1, N, 2)
        return torch.stack(logits, dim=1), (state, state.clone())
