"""helpers.plotting: the gradient-norm and clipping figures of lesson 01."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import plot_clipped_vectors, plot_gradient_norms


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
