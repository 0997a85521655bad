import inspect
import shutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import plot_word_map
from helpers.words import (
    UnigramSampler,
    WordVocabulary,
    keep_probabilities,
    nearest_neighbours,
    stdlib_docstrings,
    subsample_frequent,
    tokenize,
    truncated_svd,
    unit_rows,
)


def test_tokenize_lowercases_and_splits_on_everything_but_letters():
    assert tokenize("Return read_file(2) -- it's UTF8!") == ["return", "read", "file", "it", "s", "utf"]
    assert tokenize("  42 ...") == []


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_docstrings_are_read_in_path_order_and_test_folders_and_broken_files_are_skipped(tmp_path):
    _write(tmp_path / "b.py", '"""Module b."""\nclass K:\n    """Class K."""\n'
                              '    async def run(self):\n        """Run it."""\n')
    _write(tmp_path / "a.py", 'def f():\n    """Function f.\n\n    Indented detail.\n    """\n')
    _write(tmp_path / "pkg" / "c.py", 'def g():\n    pass\n')                  # no docstring
    _write(tmp_path / "test" / "d.py", '"""From a test suite."""\n')
    _write(tmp_path / "old.py", 'print "python 2"\n"""Never read."""\n')
    assert stdlib_docstrings(tmp_path) == ["Function f.\n\nIndented detail.", "Module b.", "Class K.",
                                           "Run it."]


def test_docstrings_of_an_empty_folder_raise(tmp_path):
    with pytest.raises(RuntimeError, match="no docstrings found"):
        stdlib_docstrings(tmp_path)


def test_default_corpus_is_this_pythons_standard_library():
    docstrings = stdlib_docstrings()
    assert len(docstrings) > 1000
    assert inspect.cleandoc(shutil.copyfile.__doc__) in docstrings


def test_vocabulary_keeps_the_most_frequent_words_ties_alphabetical():
    tokens = "b a c a b d a".split()
    vocabulary = WordVocabulary.from_tokens(tokens, size=3)
    assert vocabulary.words == ("a", "b", "c")        # c and d both once: c first
    assert vocabulary.counts == (3, 2, 1)
    assert np.array_equal(vocabulary.count_array(), [3.0, 2.0, 1.0])
    assert len(vocabulary) == 3 and "d" not in vocabulary and "c" in vocabulary


def test_vocabulary_encode_drops_unknown_words_and_decode_round_trips():
    vocabulary = WordVocabulary.from_tokens("x y y z".split(), size=2)
    ids = vocabulary.encode("z y q x".split())
    assert ids.dtype == np.int64 and ids.tolist() == [0, 1]
    assert vocabulary.decode(ids) == ["y", "x"]
    assert vocabulary.id("x") == 1
    with pytest.raises(KeyError, match="'q' is not in the vocabulary of 2 words"):
        vocabulary.id("q")


def test_vocabulary_rejects_inconsistent_fields():
    with pytest.raises(ValueError, match="distinct"):
        WordVocabulary(("a", "a"), (1, 1))
    with pytest.raises(ValueError, match="2 words but 1 counts"):
        WordVocabulary(("a", "b"), (1,))
    with pytest.raises(ValueError, match="at least 1"):
        WordVocabulary.from_tokens(["a"], size=0)


def test_sampler_probabilities_follow_the_power_of_the_counts():
    counts = np.array([16.0, 1.0, 0.0, 81.0])
    sampler = UnigramSampler(counts, power=0.75)
    expected = np.array([8.0, 1.0, 0.0, 27.0]) / 36.0
    assert np.allclose(sampler.probabilities, expected)
    assert np.allclose(UnigramSampler(counts, power=0.0).probabilities, [1 / 3, 1 / 3, 0, 1 / 3])


def test_sampler_draws_match_the_probabilities_and_never_an_unseen_word():
    sampler = UnigramSampler([16.0, 1.0, 0.0, 81.0], seed=3)
    draws = sampler.sample((400, 500))
    assert draws.shape == (400, 500) and draws.dtype == np.int64
    frequencies = np.bincount(draws.ravel(), minlength=4) / draws.size
    assert frequencies[2] == 0.0
    # 200,000 draws: the standard error of each frequency is below 0.0011
    assert np.allclose(frequencies, sampler.probabilities, atol=0.005)


def test_sampler_is_reproducible_and_validates_counts():
    a = UnigramSampler([1, 2, 3], seed=7).sample(20)
    b = UnigramSampler([1, 2, 3], seed=7).sample(20)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, UnigramSampler([1, 2, 3], seed=8).sample(20))
    for bad in ([0, 0], [1, -1], [[1, 2]]):
        with pytest.raises(ValueError, match="non-negative"):
            UnigramSampler(bad)


def test_keep_probabilities_follow_word2vecs_rule():
    counts = np.array([900.0, 99.0, 1.0])                  # frequencies 0.9, 0.099, 0.001
    keep = keep_probabilities(counts, threshold=1e-3)
    ratio = 1e-3 / 0.9
    assert keep[0] == pytest.approx(np.sqrt(ratio) + ratio)
    assert keep[2] == 1.0
    assert np.all(np.diff(keep) > 0)                       # rarer words are kept more often


def test_subsampling_keeps_order_drops_frequent_words_and_is_reproducible():
    ids = np.array([0] * 900 + [1] * 99 + [2] * 1)
    counts = np.bincount(ids).astype(float)
    kept = subsample_frequent(ids, counts, threshold=1e-3, seed=0)
    assert np.array_equal(kept, np.sort(kept))             # the order of the text is kept
    assert 2 in kept
    assert 10 < np.sum(kept == 0) < 60                     # expected 900 * 0.0345 = 31
    assert np.array_equal(kept, subsample_frequent(ids, counts, threshold=1e-3, seed=0))


def test_truncated_svd_recovers_the_top_singular_triplets():
    rng = np.random.default_rng(0)
    left, _ = np.linalg.qr(rng.standard_normal((60, 40)))
    right, _ = np.linalg.qr(rng.standard_normal((50, 40)))
    singular = 2.0 ** -np.arange(40.0) * 10
    M = (left * singular) @ right.T
    U, S, Vt = truncated_svd(M, 5, seed=1)
    assert U.shape == (60, 5) and S.shape == (5,) and Vt.shape == (5, 50)
    assert np.allclose(S, singular[:5], rtol=1e-8)
    # the same singular vectors up to sign
    assert np.allclose(np.abs(np.sum(U * left[:, :5], axis=0)), 1.0, atol=1e-8)
    assert np.allclose(np.abs(np.sum(Vt.T * right[:, :5], axis=0)), 1.0, atol=1e-8)
    with pytest.raises(ValueError, match="between 1 and 50"):
        truncated_svd(M, 51)


def test_unit_rows_have_length_one_and_zero_rows_stay_zero():
    unit = unit_rows(np.array([[3.0, 4.0], [0.0, 0.0], [0.0, -2.0]]))
    assert np.allclose(unit, [[0.6, 0.8], [0.0, 0.0], [0.0, -1.0]])


def test_nearest_neighbours_rank_by_cosine_and_leave_out_the_word_itself():
    vocabulary = WordVocabulary(("read", "write", "socket", "file"), (4, 3, 2, 1))
    vectors = np.array([[1.0, 0.1], [10.0, 2.0], [0.0, 1.0], [-1.0, 0.0]])
    neighbours = nearest_neighbours(vectors, vocabulary, "read", k=2)
    assert [word for word, _ in neighbours] == ["write", "socket"]   # by angle, not by length
    assert neighbours[0][1] == pytest.approx((10 + 0.2) / (np.hypot(1, 0.1) * np.hypot(10, 2)))
    with pytest.raises(ValueError, match="3 vectors for a vocabulary of 4 words"):
        nearest_neighbours(vectors[:3], vocabulary, "read")


def test_word_map_labels_every_word_and_colours_each_group():
    ax = plot_word_map(np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]]), ["file", "path", "lock"],
                       title="map", groups=["files", "files", "threads"])
    assert ax.get_title() == "map" and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.texts] == ["file", "path", "lock"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["files", "threads"]
    assert ax.texts[0].get_color() == ax.texts[1].get_color() != ax.texts[2].get_color()
    with pytest.raises(ValueError, match="\\(2, 2\\) coordinates"):
        plot_word_map(np.zeros((3, 2)), ["a", "b"], title="t")
    with pytest.raises(ValueError, match="1 group names for 2 words"):
        plot_word_map(np.zeros((2, 2)), ["a", "b"], title="t", groups=["g"])
    plt.close("all")
