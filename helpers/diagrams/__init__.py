"""Diagrams of the course's mechanisms, drawn with matplotlib (one function per diagram).

Each function takes an optional ``ax``, draws on a blank canvas with the pieces of
``helpers.diagrams.parts`` and returns the axes; its labels are the lesson's own symbols.
"""

from .attention import draw_attention_context, draw_self_attention_block
from .batches import draw_packed_bidirectional
from .gru import draw_gru_cell
from .lstm import draw_lstm_cell
from .recurrence import draw_truncated_bptt, draw_unrolled_rnn
from .seq2seq import draw_seq2seq
from .words import draw_skipgram_and_cbow

__all__ = ["draw_unrolled_rnn", "draw_truncated_bptt", "draw_lstm_cell", "draw_gru_cell",
           "draw_packed_bidirectional", "draw_skipgram_and_cbow", "draw_seq2seq", "draw_attention_context",
           "draw_self_attention_block"]
