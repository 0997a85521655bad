"""The attention heatmap that lessons 08 and 09 can share."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import plot_attention_weights


def test_attention_heatmap_is_labelled_with_tokens_on_a_fixed_zero_to_one_scale():
    weights = np.array([[1.0, 0.0, 0.0], [0.25, 0.75, 0.0]])
    ax = plot_attention_weights(weights, title="weights", query_labels=["a", "b"],
                                key_labels=["x", "y", "z"], annotate=True)
    assert ax.get_title() == "weights" and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.images[0].get_clim() == (0.0, 1.0)
    assert [t.get_text() for t in ax.texts] == ["1.00", "0.00", "0.00", "0.25", "0.75", "0.00"]
    plt.close("all")


def test_attention_heatmap_accepts_a_boolean_mask_and_numbers_positions_by_default():
    ax = plot_attention_weights(np.tril(np.ones((3, 3), dtype=bool)), title="causal mask",
                                value_label="may attend")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert np.array_equal(ax.images[0].get_array(), np.tril(np.ones((3, 3))))
    assert ax.figure.axes[-1].get_ylabel() == "may attend"
    plt.close("all")


def test_attention_heatmap_rejects_wrong_shapes_and_label_counts():
    with pytest.raises(ValueError, match="\\(Tq, Tk\\) matrix"):
        plot_attention_weights(np.zeros((2, 3, 4)), title="t")
    with pytest.raises(ValueError, match="1 key_labels for 3"):
        plot_attention_weights(np.zeros((2, 3)), title="t", key_labels=["k"])
    plt.close("all")
