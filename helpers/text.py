"""Characters as integers, and sequences cut for truncated backpropagation through time.

Used by every character-level language model in the course (lessons 02 and 03).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CharVocabulary", "one_hot", "stream_batches", "unigram_perplexity"]


@dataclass(frozen=True)
class CharVocabulary:
    """A fixed character set; ``encode`` maps text to ids, ``decode`` ids to text."""

    chars: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> "CharVocabulary":
        return cls(tuple(sorted(set(text))))

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> np.ndarray:
        """(len(text),) int array; raises KeyError naming a character outside the vocabulary."""
        index = {ch: i for i, ch in enumerate(self.chars)}
        try:
            return np.array([index[ch] for ch in text], dtype=np.int64)
        except KeyError as error:
            raise KeyError(f"character {error.args[0]!r} is not in the vocabulary") from None

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in np.asarray(ids).ravel())


def one_hot(ids, size: int) -> np.ndarray:
    """ids: int array of any shape S  ->  float array (*S, size) with a single 1 per row."""
    ids = np.asarray(ids)
    out = np.zeros(ids.shape + (size,))
    np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
    return out


def stream_batches(ids, batch_size: int, chunk_length: int):
    """Cut one long id sequence into ``batch_size`` parallel streams and yield chunks.

    Stream b reads the b-th contiguous slice of the text, so chunk k+1 of a stream
    continues exactly where chunk k ended: carry the hidden state across chunks
    (truncated BPTT) and the model still sees the text in order.
    Yields (inputs, targets), both (batch_size, chunk_length) int arrays, targets shifted
    by one character. One pass over the text; loop again for another epoch.
    """
    ids = np.asarray(ids)
    stream_length = (len(ids) - 1) // batch_size
    if stream_length < chunk_length:
        raise ValueError(f"text of {len(ids)} characters is too short for {batch_size} streams "
                         f"of chunks of {chunk_length}")
    inputs = ids[: batch_size * stream_length].reshape(batch_size, stream_length)
    targets = ids[1: batch_size * stream_length + 1].reshape(batch_size, stream_length)
    for start in range(0, stream_length - chunk_length + 1, chunk_length):
        yield inputs[:, start:start + chunk_length], targets[:, start:start + chunk_length]


def unigram_perplexity(train_ids, test_ids, vocabulary_size: int) -> float:
    """Perplexity on ``test_ids`` of the model that ignores context: p(c) = frequency in training.

    Add-one smoothing keeps unseen characters finite. The baseline a language model must beat.
    """
    counts = np.bincount(np.asarray(train_ids), minlength=vocabulary_size) + 1.0
    log_probs = np.log(counts / counts.sum())
    return float(np.exp(-log_probs[np.asarray(test_ids)].mean()))
