"""The course's figure style and the plots that lessons share.

Every function draws into an ``ax`` you pass (or a new figure), applies the course style
only inside its own ``with`` block, labels its axes and returns the axes so a notebook can add
to them. The two global changes: importing this module adds a Hangul font after matplotlib's
default ones (``helpers.hangul_font``), so any figure can carry Korean text; text the default
font can draw looks exactly as before. And under RNN_COURSE_LANGUAGE=ko the few English names the
lessons' code draws (``helpers.figure_text``) are drawn in Korean. The plots' own labels (the
defaults below) are in English, or in Korean under RNN_COURSE_LANGUAGE=ko (``helpers.language``);
any other label you pass is drawn as given.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .figure_text import show_figure_texts_in_language
from .hangul_font import use_hangul_font, with_hangul
from .language import say

__all__ = [
    "COURSE_STYLE",
    "plot_gradient_norms",
    "plot_clipped_vectors",
    "plot_learning_curves",
    "plot_text_heatmap",
    "plot_word_map",
    "plot_attention_weights",
]

use_hangul_font()
show_figure_texts_in_language()

COURSE_STYLE = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "legend.frameon": False,
}

# The plots' own words in English and Korean (helpers.language.say picks one when a plot is drawn).
STEPS_BACK = {"en": "number of time steps the gradient travels back", "ko": "기울기가 거슬러 가는 시간 단계 수"}
GRADIENT_MAGNITUDE = {"en": "gradient magnitude", "ko": "기울기 크기"}
NORM_CIRCLE = {"en": "norm = {max_norm:g}", "ko": "노름 = {max_norm:g}"}
GRADIENT_COMPONENT = {"en": "gradient component {number}", "ko": "기울기 성분 {number}"}
TRAINING_STEP = {"en": "training step", "ko": "학습 단계"}
ACTIVATION = {"en": "activation", "ko": "활성값"}
PRINCIPAL_COMPONENT = {"en": "principal component {number}", "ko": "주성분 {number}"}
KEY_POSITION = {"en": "key position (attended to)", "ko": "키 위치 (어텐션을 받는 쪽)"}
QUERY_POSITION = {"en": "query position (attending)", "ko": "질의 위치 (어텐션하는 쪽)"}
ATTENTION_WEIGHT = {"en": "attention weight", "ko": "어텐션 가중치"}


def _new_axes(ax):
    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


def plot_gradient_norms(
    steps: Sequence[float],
    norms_by_label: Mapping[str, Sequence[float]],
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax=None,
):
    """One line per label of gradient magnitude against steps, on a log y axis.

    steps: (S,) the x positions.   norms_by_label: {label: (S,) magnitudes}.
    xlabel, ylabel: the axis labels; by default "number of time steps the gradient travels
    back" and "gradient magnitude" (in Korean under RNN_COURSE_LANGUAGE=ko).
    Magnitudes that reach exactly zero or overflow are left out of the line (a log axis
    cannot show them) rather than failing.
    """
    with plt.style.context(COURSE_STYLE):
        ax = _new_axes(ax)
        steps = np.asarray(steps, dtype=float)
        for label, norms in norms_by_label.items():
            norms = np.abs(np.asarray(norms, dtype=float))
            if norms.shape != steps.shape:
                raise ValueError(
                    f"curve {label!r} has {norms.shape} values but there are {steps.shape} steps"
                )
            shown = np.isfinite(norms) & (norms > 0)
            ax.plot(steps[shown], norms[shown], marker="o", markersize=3, label=label)
        ax.set_yscale("log")
        ax.axhline(1.0, color="grey", linewidth=0.8, linestyle="--")
        ax.set_title(title)
        ax.set_xlabel(say(STEPS_BACK) if xlabel is None else xlabel)
        ax.set_ylabel(say(GRADIENT_MAGNITUDE) if ylabel is None else ylabel)
        ax.legend()
    return ax


def plot_clipped_vectors(original, clipped, max_norm: float, *, title: str, ax=None):
    """Arrows of 2-D gradient vectors before (faint) and after (solid) clipping.

    original, clipped: (K, 2) arrays of K vectors.   max_norm: radius of the circle drawn.
    """
    original = np.asarray(original, dtype=float)
    clipped = np.asarray(clipped, dtype=float)
    if original.shape != clipped.shape or original.ndim != 2 or original.shape[1] != 2:
        raise ValueError(
            f"expected two (K, 2) arrays, got {original.shape} and {clipped.shape}"
        )
    with plt.style.context(COURSE_STYLE):
        ax = _new_axes(ax)
        angle = np.linspace(0, 2 * np.pi, 200)
        ax.plot(max_norm * np.cos(angle), max_norm * np.sin(angle), color="grey",
                linestyle="--", linewidth=0.8, label=say(NORM_CIRCLE, max_norm=max_norm))
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for k, (before, after) in enumerate(zip(original, clipped)):
            color = colors[k % len(colors)]
            ax.annotate("", xy=before, xytext=(0, 0),
                        arrowprops=dict(arrowstyle="->", color=color, alpha=0.35))
            ax.annotate("", xy=after, xytext=(0, 0),
                        arrowprops=dict(arrowstyle="->", color=color, linewidth=2))
        reach = max(np.abs(original).max(), max_norm) * 1.1
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_aspect("equal")
        ax.set_title(title)
        ax.set_xlabel(say(GRADIENT_COMPONENT, number=1))
        ax.set_ylabel(say(GRADIENT_COMPONENT, number=2))
        ax.legend(loc="upper left")
    return ax


def plot_learning_curves(
    curves: Mapping[str, tuple[Sequence[float], Sequence[float]]],
    *,
    title: str,
    ylabel: str,
    xlabel: str | None = None,
    baselines: Mapping[str, float] | None = None,
    log_y: bool = False,
    ax=None,
):
    """Training curves: {label: (steps, values)}, with horizontal lines for baselines.

    Use it for loss or perplexity against training steps; ``baselines`` are the numbers a
    model has to beat (for example {"unigram model": 21.3}). xlabel: by default "training
    step" (in Korean under RNN_COURSE_LANGUAGE=ko).
    """
    with plt.style.context(COURSE_STYLE):
        ax = _new_axes(ax)
        for label, (steps, values) in curves.items():
            ax.plot(np.asarray(steps), np.asarray(values, dtype=float), label=label)
        for k, (label, value) in enumerate((baselines or {}).items()):
            ax.axhline(value, color="grey", linestyle=("--", ":", "-.")[k % 3], linewidth=1,
                       label=f"{label} ({value:.3g})")
        if log_y:
            ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel(say(TRAINING_STEP) if xlabel is None else xlabel)
        ax.set_ylabel(ylabel)
        ax.legend()
    return ax


def plot_text_heatmap(text: str, values, *, title: str, width: int = 80, cmap: str = "coolwarm",
                      ax=None):
    """Each character of ``text`` on a background coloured by its value in ``values``.

    text: a string of L characters.   values: (L,) numbers, e.g. one hidden unit's
    activation after reading each character (in [-1, 1] for tanh units).
    Lines break at newlines and at ``width`` characters. Newlines are drawn as a small
    return arrow so their value is visible too. The colour bar is labelled "activation" (in
    Korean under RNN_COURSE_LANGUAGE=ko).
    """
    values = np.asarray(values, dtype=float)
    if values.shape != (len(text),):
        raise ValueError(f"expected one value per character: {len(text)} characters but "
                         f"values has shape {values.shape}")
    rows, row, row_values, grid_values = [], [], [], []
    for ch, value in zip(text, values):
        row.append("\u21b5" if ch == "\n" else ch)
        row_values.append(value)
        if ch == "\n" or len(row) == width:
            rows.append(row)
            grid_values.append(row_values)
            row, row_values = [], []
    if row:
        rows.append(row)
        grid_values.append(row_values)
    columns = max(len(r) for r in rows)
    grid = np.full((len(rows), columns), np.nan)
    for i, r in enumerate(grid_values):
        grid[i, : len(r)] = r
    limit = max(float(np.nanmax(np.abs(grid))), 1e-12)
    with plt.style.context(COURSE_STYLE):
        if ax is None:
            _, ax = plt.subplots(figsize=(max(6.0, 0.11 * columns), 0.25 * len(rows) + 0.8))
        image = ax.imshow(grid, cmap=cmap, vmin=-limit, vmax=limit, aspect="auto",
                          interpolation="nearest")
        for i, r in enumerate(rows):
            for j, ch in enumerate(r):
                ax.text(j, i, ch, ha="center", va="center", fontsize=7, family=with_hangul("monospace"))
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax.set_title(title)
        ax.figure.colorbar(image, ax=ax, fraction=0.02, pad=0.01, label=say(ACTIVATION))
    return ax


def plot_word_map(vectors_2d, words: Sequence[str], *, title: str,
                  groups: Sequence[str] | None = None,
                  xlabel: str | None = None, ylabel: str | None = None,
                  ax=None):
    """Words written at 2-D positions, for example their vectors projected on two directions.

    vectors_2d: (W, 2) coordinates.   words: the W labels.   groups: optional W group names;
    each group gets one colour and a legend entry, so a reader can see whether words of a
    group land together. The axes keep equal scales so distances on the page are honest.
    xlabel, ylabel: by default "principal component 1" and "principal component 2" (in Korean
    under RNN_COURSE_LANGUAGE=ko).
    """
    points = np.asarray(vectors_2d, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) != len(words):
        raise ValueError(f"expected ({len(words)}, 2) coordinates for {len(words)} words, "
                         f"got shape {points.shape}")
    if groups is not None and len(groups) != len(words):
        raise ValueError(f"{len(groups)} group names for {len(words)} words")
    labels = list(groups) if groups is not None else [None] * len(words)
    with plt.style.context(COURSE_STYLE):
        ax = _new_axes(ax)
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        color_of = {group: colors[k % len(colors)] for k, group in enumerate(dict.fromkeys(labels))}
        for group, color in color_of.items():
            members = np.array([label == group for label in labels])
            ax.scatter(points[members, 0], points[members, 1], s=16, color=color, label=group)
        for (x, y), word, label in zip(points, words, labels):
            ax.annotate(word, (x, y), xytext=(3, 2), textcoords="offset points", fontsize=8,
                        color=color_of[label])
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_title(title)
        ax.set_xlabel(say(PRINCIPAL_COMPONENT, number=1) if xlabel is None else xlabel)
        ax.set_ylabel(say(PRINCIPAL_COMPONENT, number=2) if ylabel is None else ylabel)
        if groups is not None:
            ax.legend(loc="best", markerscale=1.2)
    return ax


def plot_attention_weights(weights, *, title: str, query_labels: Sequence[str] | None = None,
                           key_labels: Sequence[str] | None = None,
                           xlabel: str | None = None,
                           ylabel: str | None = None,
                           value_label: str | None = None, annotate: bool = False, ax=None):
    """An attention matrix as a heatmap: row i holds query i's weights over the keys.

    weights: (Tq, Tk) numbers in [0, 1] (attention weights, or a boolean mask drawn as 0/1).
    query_labels, key_labels: optional Tq and Tk tick labels (the tokens).
    xlabel, ylabel: by default "key position (attended to)" and "query position (attending)".
    value_label: the colour bar's label (by default "attention weight"; e.g. "may attend" for a
    mask). The default labels are in Korean under RNN_COURSE_LANGUAGE=ko.
    annotate: write each weight in its cell (readable up to about 10 x 10).
    The colour scale is fixed to [0, 1], so two heatmaps can be compared by eye.
    """
    values = np.asarray(weights, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"expected a (Tq, Tk) matrix of weights, got shape {values.shape}")
    for name, labels, size in (("query_labels", query_labels, values.shape[0]),
                               ("key_labels", key_labels, values.shape[1])):
        if labels is not None and len(labels) != size:
            raise ValueError(f"{len(labels)} {name} for {size} rows/columns of weights")
    with plt.style.context(COURSE_STYLE):
        ax = _new_axes(ax)
        image = ax.imshow(values, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto",
                          interpolation="nearest")
        ax.grid(False)
        ax.set_xticks(range(values.shape[1]), key_labels if key_labels is not None else
                      [str(j) for j in range(values.shape[1])])
        ax.set_yticks(range(values.shape[0]), query_labels if query_labels is not None else
                      [str(i) for i in range(values.shape[0])])
        if annotate:
            for (i, j), value in np.ndenumerate(values):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8,
                        color="black" if value > 0.6 else "white")
        ax.set_title(title)
        ax.set_xlabel(say(KEY_POSITION) if xlabel is None else xlabel)
        ax.set_ylabel(say(QUERY_POSITION) if ylabel is None else ylabel)
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.03,
                           label=say(ATTENTION_WEIGHT) if value_label is None else value_label)
    return ax
