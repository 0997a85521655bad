"""helpers.plotting: the gradient-norm and clipping figures of lesson 01, and every plot's own labels in
English and Korean."""

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.language import LANGUAGE_VARIABLE
from helpers.plotting import (
    plot_attention_weights,
    plot_clipped_vectors,
    plot_gradient_norms,
    plot_learning_curves,
    plot_text_heatmap,
    plot_word_map,
)

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)


def _every_plot():
    """Each plot with its default labels: (axes, the texts the plot wrote itself)."""
    def own(ax):
        return [text for axes in ax.figure.axes for text in (axes.get_xlabel(), axes.get_ylabel()) if text]
    ax = plot_gradient_norms([1, 2, 3], {"w": [1.0, 0.5, 0.25]}, title="t")
    yield ax, own(ax)
    ax = plot_clipped_vectors(np.array([[3.0, 4.0]]), np.array([[0.6, 0.8]]), 1.0, title="t")
    yield ax, own(ax) + [ax.get_legend().get_texts()[0].get_text()]
    ax = plot_learning_curves({"model": ([1, 2], [3.0, 2.0])}, title="t", ylabel="loss")
    yield ax, [ax.get_xlabel()]
    ax = plot_text_heatmap("ab", [0.5, -0.5], title="t")
    yield ax, own(ax)
    ax = plot_word_map(np.array([[0.0, 1.0], [1.0, 0.0]]), ["a", "b"], title="t")
    yield ax, own(ax)
    ax = plot_attention_weights(np.eye(2), title="t")
    yield ax, own(ax)


def test_gradient_norm_plot_is_labelled_on_a_log_axis_and_skips_unplottable_points():
    ax = plot_gradient_norms([1, 2, 3], {"w = 3": [1.0, 0.0, np.inf], "w = 0.5": [1, 0.5, 0.25]},
                             title="norms")
    assert ax.get_yscale() == "log"
    assert ax.get_title() == "norms" and ax.get_xlabel() and ax.get_ylabel()
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert len(lines["w = 3"].get_xdata()) == 1
    assert len(lines["w = 0.5"].get_xdata()) == 3
    plt.close("all")


def test_gradient_norm_plot_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="has \\(2,\\) values but there are \\(3,\\) steps"):
        plot_gradient_norms([1, 2, 3], {"bad": [1, 2]}, title="t")
    plt.close("all")


def test_clipped_vector_plot_draws_the_threshold_circle():
    ax = plot_clipped_vectors(np.array([[3.0, 4.0]]), np.array([[0.6, 0.8]]), 1.0, title="clip")
    assert ax.get_title() == "clip"
    with pytest.raises(ValueError, match="\\(K, 2\\)"):
        plot_clipped_vectors(np.zeros((2, 3)), np.zeros((2, 3)), 1.0, title="x")
    plt.close("all")


def test_the_plots_own_labels_are_english_by_default():
    labels = [label for ax, own in _every_plot() for label in own]
    plt.close("all")
    assert labels == ["number of time steps the gradient travels back", "gradient magnitude",
                      "gradient component 1", "gradient component 2", "norm = 1", "training step",
                      "activation", "principal component 1", "principal component 2",
                      "key position (attended to)", "query position (attending)", "attention weight"]


def test_the_plots_own_labels_are_korean_and_drawn_with_every_glyph(monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    for ax, own in _every_plot():
        assert own and all(HANGUL.search(label) for label in own), own
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ax.figure.canvas.draw()
        assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
        plt.close("all")


def test_labels_a_caller_gives_are_drawn_as_given_in_either_language(monkeypatch):
    # (but for the lessons' own few names, helpers.figure_text: "epoch" is drawn as 에폭)
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    ax = plot_gradient_norms([1, 2], {"w": [1, 2]}, title="t", xlabel="steps back", ylabel="size")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("steps back", "size")
    ax = plot_attention_weights(np.eye(2), title="t", xlabel="k", ylabel="q", value_label="may attend")
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.figure.axes[-1].get_ylabel()) == ("k", "q", "may attend")
    ax = plot_word_map(np.eye(2), ["a", "b"], title="t", xlabel="x", ylabel="y")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    ax = plot_learning_curves({"m": ([1], [1.0])}, title="t", ylabel="loss", xlabel="epochs seen")
    assert ax.get_xlabel() == "epochs seen"
    plt.close("all")
