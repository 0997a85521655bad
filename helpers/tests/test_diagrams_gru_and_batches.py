"""helpers.diagrams: lesson 04's GRU cell and lesson 05's packed bidirectional batch."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Annotation

from helpers.diagrams.batches import BACKWARD, H_BACKWARD, H_FORWARD, REAL_FILL, draw_packed_bidirectional
from helpers.diagrams.gru import draw_gru_cell
from helpers.diagrams.parts import FORWARD, HIGHWAY, arrows_on, legibility_problems, symbols_on
from helpers.language import LANGUAGE_VARIABLE


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)


def test_the_gru_cell_shows_the_lessons_gates_states_and_update_convention():
    ax = draw_gru_cell()
    ax.figure.canvas.draw()
    texts = symbols_on(ax).split("\n")
    for symbol in ("$r_t = \\sigma$", "$z_t = \\sigma$", "$n_t = \\tanh$", "$x_t$", "$h_{t-1}$", "$h_t$",
                   "$1 - z_t$", "$z_t \\odot n_t$", "$x_t W_x^n + b^n$", "$h_{t-1} W_h^n$"):
        assert symbol in texts, symbol
    # the lesson's convention, not PyTorch's: 1 - z_t keeps the old state, z_t takes the candidate
    assert "$h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot n_t$" in ax.get_title()
    assert "r, z, n" in ax.get_title()
    assert "z_t \\odot h_{t-1}" not in symbols_on(ax)
    assert texts.count("1−") == 1 and texts.count("×") == 3 and texts.count("+") == 1
    # the reset gate acts on the hidden product, inside the candidate
    assert any("r_t \\odot (h_{t-1} W_h^n)" in text for text in texts)
    plt.close("all")


def test_the_gru_highway_runs_straight_from_h_prev_to_h_t_in_the_highway_colour():
    ax = draw_gru_cell()
    ax.figure.canvas.draw()
    by_text = {text.get_text(): text for text in ax.texts}
    for state in ("$h_{t-1}$", "$h_t$"):
        assert to_rgba(by_text[state].get_color()) == to_rgba(HIGHWAY)
    highway = arrows_on(ax, HIGHWAY)
    assert len(highway) == 2                                    # × to +, and + to h_t
    heights = {y for (_, y0), (_, y1) in highway for y in (y0, y1)}
    assert len(heights) == 1                                    # one straight line: no box on it
    assert all(x1 > x0 for (x0, _), (x1, _) in highway)         # left to right, towards h_t
    notes = [text for text in ax.texts if "no weight matrix" in text.get_text()]
    assert len(notes) == 1 and to_rgba(notes[0].get_color()) == to_rgba(HIGHWAY)
    # every other arrow is an ordinary forward arrow
    drawn = [text for text in ax.texts if isinstance(text, Annotation) and text.arrow_patch is not None]
    assert len(drawn) == len(arrows_on(ax, FORWARD)) + len(highway)
    plt.close("all")


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("draw", [draw_gru_cell, lambda: draw_packed_bidirectional((5, 3, 2)),
                                  lambda: draw_packed_bidirectional((2, 6, 1, 4)),
                                  lambda: draw_packed_bidirectional((4, 4)),
                                  lambda: draw_packed_bidirectional((7, 1, 1, 1, 1, 1))])
def test_the_gru_cell_and_the_packed_batch_are_legible(draw, language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    assert legibility_problems(draw()) == []
    plt.close("all")


def test_the_packed_batch_marks_padding_in_korean(monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    texts = symbols_on(draw_packed_bidirectional((5, 3, 2))).split("\n")
    assert texts.count("패딩") == 5 and "pad" not in texts
    plt.close("all")


def test_the_gru_cell_draws_on_the_axes_it_is_given():
    _, ax = plt.subplots()
    assert draw_gru_cell(ax) is ax and "$z_t = \\sigma$" in symbols_on(ax)
    plt.close("all")


@pytest.mark.parametrize("lengths", [(5, 3, 2), (2, 6, 1, 4), (1,), (4, 4)])
def test_the_packed_batch_has_one_row_per_length_and_one_pad_per_padded_step(lengths):
    ax = draw_packed_bidirectional(lengths)
    ax.figure.canvas.draw()
    texts = symbols_on(ax).split("\n")
    for n, length in enumerate(lengths):
        assert f"$L_{{{n}}} = {length}$" in texts
    assert sum(text.startswith("n = ") for text in texts) == len(lengths)
    assert texts.count("pad") == sum(max(lengths) - length for length in lengths)
    assert texts.count(H_FORWARD) == texts.count(H_BACKWARD) == len(lengths)
    assert "enforce_sorted=False" in ax.get_title()
    assert sum(text.startswith("cat([h_n[-2], h_n[-1]]") for text in texts) == 1
    plt.close("all")


@pytest.mark.parametrize("lengths", [(5, 3, 2), (2, 6, 1, 4)])
def test_both_directions_read_only_real_tokens_and_the_backward_one_starts_at_the_last(lengths):
    ax = draw_packed_bidirectional(lengths)
    rows = {int(text.get_text()[4:]): text.get_position()[1] for text in ax.texts
            if text.get_text().startswith("n = ")}
    tokens = [(patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2)
              for patch in ax.patches
              if isinstance(patch, FancyBboxPatch) and to_rgba(patch.get_facecolor()) == to_rgba(REAL_FILL)]
    forward, backward = arrows_on(ax, FORWARD), arrows_on(ax, BACKWARD)
    for n, length in enumerate(lengths):
        y = rows[n]
        xs = sorted(x for x, ty in tokens if abs(ty - y) < 0.3)
        assert len(xs) == length, f"row {n}: {len(xs)} token boxes for length {length}"
        first, last = xs[0], xs[-1]
        row_forward = [a for a in forward if abs(a[0][1] - y) < 0.3 and abs(a[1][1] - y) < 0.3]
        row_backward = [a for a in backward if abs(a[0][1] - y) < 0.3 and abs(a[1][1] - y) < 0.3]
        assert len(row_forward) == len(row_backward) == length - 1
        assert all(first < x0 < x1 < last for (x0, _), (x1, _) in row_forward)
        assert all(last > x0 > x1 > first for (x0, _), (x1, _) in row_backward)
        if length > 1:       # the backward direction's first arrow leaves the last real token
            assert max(x0 for (x0, _), _ in row_backward) > xs[-2]
        above = [t.get_position() for t in ax.texts if t.get_text() == H_FORWARD]
        below = [t.get_position() for t in ax.texts if t.get_text() == H_BACKWARD]
        assert min(above, key=lambda p: abs(p[1] - y - 0.47))[0] == pytest.approx(last)
        assert min(below, key=lambda p: abs(p[1] - y + 0.5))[0] == pytest.approx(first)
    plt.close("all")


def test_the_packed_batch_accepts_numpy_lengths_and_a_given_axes():
    _, ax = plt.subplots()
    assert draw_packed_bidirectional(np.array([3, 1]), ax=ax) is ax
    assert symbols_on(ax).split("\n").count("pad") == 2
    plt.close("all")


@pytest.mark.parametrize("lengths, message", [
    ((), "empty"),
    ([], "empty"),
    ((3, 0), "at least 1"),
    ((2, -1), "at least 1"),
    ((2.5, 1), "whole numbers"),
    ("ab", "whole numbers"),
    ((True, 2), "whole numbers"),
    (5, "whole numbers"),
    ((9,), "legibly"),
    ((1,) * 7, "legibly"),
])
def test_bad_lengths_raise_a_clear_value_error(lengths, message):
    with pytest.raises(ValueError, match=message):
        draw_packed_bidirectional(lengths)
    plt.close("all")
