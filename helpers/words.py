"""Words for lesson 06: prose from the standard library's docstrings, a word vocabulary,
the noise distribution of negative sampling, a fast truncated SVD and cosine neighbours.

Nothing here is an exercise: the graded pieces of the lesson (co-occurrence counts, PPMI,
the embedding layer, the negative-sampling loss) are written by the learner.

    >>> tokenize("Return the file's NAME.")
    ['return', 'the', 'file', 's', 'name']
"""

from __future__ import annotations

import ast
import re
import sysconfig
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np

__all__ = [
    "SKIPPED_FOLDERS",
    "stdlib_docstrings",
    "tokenize",
    "WordVocabulary",
    "UnigramSampler",
    "keep_probabilities",
    "subsample_frequent",
    "truncated_svd",
    "unit_rows",
    "nearest_neighbours",
]

# Test suites repeat themselves and site-packages is not the standard library.
SKIPPED_FOLDERS = frozenset({"test", "tests", "idle_test", "site-packages", "__pycache__"})

_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def stdlib_docstrings(root: str | Path | None = None) -> list[str]:
    """Every docstring (of modules, classes and functions) in the standard library's source.

    root: the folder to read; by default the standard library of the Python running this
    code (nothing is downloaded or stored in the course). Files are read in sorted order of
    their paths and each file's docstrings in ``ast.walk`` order, so the same Python version
    gives the same list on every machine. Folders in ``SKIPPED_FOLDERS`` and files that do
    not parse are left out.
    """
    root = Path(sysconfig.get_paths()["stdlib"] if root is None else root)
    files = sorted(path for path in root.rglob("*.py")
                   if not SKIPPED_FOLDERS.intersection(path.relative_to(root).parts[:-1]))
    docstrings = []
    for path in files:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):       # Python 2 leftovers, null bytes
            continue
        for node in ast.walk(tree):
            if isinstance(node, _DOCUMENTED):
                text = ast.get_docstring(node)
                if text:
                    docstrings.append(text)
    if not docstrings:
        raise RuntimeError(f"no docstrings found under {root}; is it a Python standard library?")
    return docstrings


_WORD = re.compile(r"[a-z]+")


def tokenize(text: str) -> list[str]:
    """Lower-case words: runs of letters a-z. Digits, punctuation and underscores separate
    words, so ``"read_file(2)"`` gives ``["read", "file"]``."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class WordVocabulary:
    """A fixed list of words with their counts; a word's id is its position in ``words``.

    Build it with ``from_tokens``: the ``size`` most frequent words, most frequent first
    (ties in alphabetical order). ``encode`` drops the words outside the vocabulary, as
    word2vec does with rare words, so every id stands for a real word.
    """

    words: tuple[str, ...]
    counts: tuple[int, ...]
    _index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if len(self.words) != len(self.counts):
            raise ValueError(f"{len(self.words)} words but {len(self.counts)} counts")
        index = {word: i for i, word in enumerate(self.words)}
        if len(index) != len(self.words):
            raise ValueError("the words of a vocabulary must be distinct")
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_tokens(cls, tokens: Iterable[str], size: int) -> "WordVocabulary":
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        ranked = sorted(Counter(tokens).items(), key=lambda item: (-item[1], item[0]))[:size]
        return cls(tuple(word for word, _ in ranked), tuple(count for _, count in ranked))

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self._index

    def id(self, word: str) -> int:
        """The id of ``word``; KeyError naming the word if it is not in the vocabulary."""
        try:
            return self._index[word]
        except KeyError:
            raise KeyError(f"{word!r} is not in the vocabulary of {len(self)} words") from None

    def encode(self, tokens: Iterable[str]) -> np.ndarray:
        """(L,) int64 ids of the tokens that are in the vocabulary, in order (others dropped)."""
        index = self._index
        return np.array([index[t] for t in tokens if t in index], dtype=np.int64)

    def decode(self, ids) -> list[str]:
        return [self.words[int(i)] for i in np.asarray(ids).ravel()]

    def count_array(self) -> np.ndarray:
        """(V,) float array of the words' counts in the text the vocabulary was built from."""
        return np.array(self.counts, dtype=np.float64)


class UnigramSampler:
    """Draws word ids with probability proportional to ``count ** power``.

    power 1 is the unigram distribution, 0 uniform; word2vec's noise distribution uses
    0.75, which samples rare words more often than their frequency. Words with count 0 are
    never drawn. The sampler owns its random generator: the same seed gives the same draws.
    """

    def __init__(self, counts, power: float = 0.75, seed: int = 0):
        counts = np.asarray(counts, dtype=np.float64)
        if counts.ndim != 1 or np.any(counts < 0) or not np.any(counts > 0):
            raise ValueError("counts must be a 1-D array of non-negative numbers, not all zero")
        weights = np.zeros_like(counts)
        seen = counts > 0
        weights[seen] = counts[seen] ** power
        self.probabilities = weights / weights.sum()
        self._cumulative = np.cumsum(self.probabilities)
        self._cumulative[-1] = 1.0
        self._rng = np.random.default_rng(seed)

    def sample(self, shape) -> np.ndarray:
        """An int64 array of ``shape`` with independent draws of word ids."""
        draws = self._rng.random(shape)
        return np.searchsorted(self._cumulative, draws, side="right").astype(np.int64)


def keep_probabilities(counts, threshold: float = 1e-3) -> np.ndarray:
    """(V,) probability of keeping each occurrence of a word when subsampling.

    Word2vec's rule: a word of relative frequency f is kept with probability
    min(1, sqrt(threshold / f) + threshold / f). Words rarer than about ``threshold`` are
    always kept; "the" loses most of its occurrences.
    """
    counts = np.asarray(counts, dtype=np.float64)
    frequency = counts / counts.sum()
    with np.errstate(divide="ignore"):
        ratio = np.where(counts > 0, threshold / frequency, np.inf)
    return np.minimum(1.0, np.sqrt(ratio) + ratio)


def subsample_frequent(ids, counts, threshold: float = 1e-3, seed: int = 0) -> np.ndarray:
    """The ids with each occurrence kept with ``keep_probabilities(counts, threshold)``.

    ids: (L,) word ids.  counts: (V,) word counts.  Returns (L',) ids, order preserved.
    """
    ids = np.asarray(ids)
    rng = np.random.default_rng(seed)
    return ids[rng.random(len(ids)) < keep_probabilities(counts, threshold)[ids]]


def truncated_svd(M, k: int, *, oversample: int = 10, power_iterations: int = 4, seed: int = 0):
    """The top ``k`` singular triplets of M (m, n) by random projection.

    Returns U (m, k), S (k,) in decreasing order, Vt (k, n), with M ~ U @ diag(S) @ Vt.
    Halko, Martinsson & Tropp (2011): find an orthonormal basis Q of M's dominant column
    space from M times a random matrix (sharpened by ``power_iterations`` rounds of
    multiplying by M M^T), then take the exact SVD of the small matrix Q^T M. For a
    (3000, 3000) matrix and k = 100 this takes a few seconds on two cores, where
    ``np.linalg.svd`` of the whole matrix takes more than ten.
    """
    M = np.asarray(M, dtype=np.float64)
    if not 1 <= k <= min(M.shape):
        raise ValueError(f"k must be between 1 and {min(M.shape)}, got {k}")
    rng = np.random.default_rng(seed)
    width = min(k + oversample, min(M.shape))
    Q, _ = np.linalg.qr(M @ rng.standard_normal((M.shape[1], width)))
    for _ in range(power_iterations):
        # re-orthonormalise after every product so the small directions are not lost to round-off
        Q, _ = np.linalg.qr(M.T @ Q)
        Q, _ = np.linalg.qr(M @ Q)
    U_small, S, Vt = np.linalg.svd(Q.T @ M, full_matrices=False)
    return (Q @ U_small)[:, :k], S[:k], Vt[:k]


def unit_rows(vectors) -> np.ndarray:
    """(V, D) -> (V, D): each row divided by its length (rows of zeros stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def nearest_neighbours(vectors, vocabulary: WordVocabulary, word: str, k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors have the largest cosine similarity with ``word``'s.

    vectors: (V, D), row i for vocabulary word i. The word itself is left out.
    Returns [(word, cosine similarity)], most similar first.
    """
    vectors = np.asarray(vectors)
    if vectors.shape[0] != len(vocabulary):
        raise ValueError(f"{vectors.shape[0]} vectors for a vocabulary of {len(vocabulary)} words")
    unit = unit_rows(vectors)
    query = vocabulary.id(word)
    similarity = unit @ unit[query]
    similarity[query] = -np.inf
    order = np.argsort(-similarity, kind="stable")[:k]
    return [(vocabulary.words[i], float(similarity[i])) for i in order]
