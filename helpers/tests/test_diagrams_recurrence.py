"""helpers.diagrams.recurrence: the unrolled RNN (lesson 01) and truncated BPTT (lesson 02)."""


import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Annotation

from helpers.diagrams.parts import FORWARD, GRADIENT, arrows_on, legibility_problems, symbols_on
from helpers.diagrams.recurrence import draw_truncated_bptt, draw_unrolled_rnn
from helpers.language import LANGUAGE_VARIABLE


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)


def _texts(ax):
    return [text.get_text() for text in ax.texts if text.get_text()]

@pytest.mark.parametrize("steps", [2, 3, 6])
def test_unrolled_rnn_shows_lesson_01_symbols_for_every_step(steps):
    ax = draw_unrolled_rnn(steps)
    ax.figure.canvas.draw()
    symbols, texts = symbols_on(ax), _texts(ax)
    for t in range(steps + 1):
        assert f"$h_{{{t}}}$" in texts
    assert f"$h_{{{steps + 1}}}$" not in symbols
    for t in range(1, steps + 1):
        assert f"$x_{{{t}}}$" in texts
    assert f"$x_{{{steps + 1}}}$" not in symbols
    assert texts.count("$w_{hh}$") == steps and texts.count("$w_{xh}$") == steps
    # one local factor per step back, h_T -> h_{T-1} ... h_2 -> h_1, and none for h_1 -> h_0
    for t in range(2, steps + 1):
        assert f"$w_{{hh}}(1-h_{{{t}}}^2)$" in texts
    assert "$w_{hh}(1-h_{1}^2)$" not in texts
    caption = next(text for text in texts if text.startswith(rf"$\partial h_{{{steps}}}/\partial h_{{1}} ="))
    assert caption.count("w_{hh}(1-h_") == steps - 1
    assert f"from $h_{{{steps}}}$ to $h_{{1}}$" in symbols
    plt.close("all")


@pytest.mark.parametrize("steps", [2, 3, 6])
def test_unrolled_rnn_gradient_arrows_point_back_in_time_and_forward_ones_forward(steps):
    ax = draw_unrolled_rnn(steps)
    backward = arrows_on(ax, GRADIENT)
    assert len(backward) == steps + 1        # loss -> h_T, one per factor, and the key's sample
    assert all(end[0] < start[0] for start, end in backward)
    assert all(arrow.arrowprops["linestyle"] == "--" for arrow in ax.texts
               if isinstance(arrow, Annotation) and arrow.arrowprops.get("color") == GRADIENT)
    sideways = [(start, end) for start, end in arrows_on(ax, FORWARD) if start[1] == end[1]]
    assert len(sideways) >= steps + 1         # h_0 -> ... -> h_T -> loss, plus the key
    assert all(end[0] > start[0] for start, end in sideways)
    plt.close("all")


@pytest.mark.parametrize("windows, window_length", [(1, 4), (2, 4), (3, 4), (3, 1)])
def test_truncated_bptt_labels_windows_steps_and_every_cut(windows, window_length):
    ax = draw_truncated_bptt(windows, window_length)
    ax.figure.canvas.draw()
    symbols, texts = symbols_on(ax), _texts(ax)
    steps = windows * window_length
    for t in range(steps + 1):
        assert f"$h_{{{t}}}$" in texts
    for t in range(1, steps + 1):
        assert f"$x_{{{t}}}$" in texts
    assert f"$h_{{{steps + 1}}}$" not in symbols
    for k in range(1, windows + 1):
        assert f"window {k}" in symbols
    assert f"window {windows + 1}" not in symbols
    assert symbols.count("gradient\nstops here") == windows - 1
    for k in range(1, windows):
        assert f"$h_{{{k * window_length}}}$ carried\nforward" in texts
    # inside each window window_length - 1 arcs, at each cut one arrow that stops at a red bar
    backward = arrows_on(ax, GRADIENT)
    assert len(backward) == windows * (window_length - 1) + (windows - 1) + 1   # + 1: the key
    assert all(end[0] < start[0] for start, end in backward)
    bars = [line for line in ax.lines if line.get_color() == GRADIENT]
    assert len(bars) == windows - 1
    plt.close("all")


@pytest.mark.parametrize("draw", [lambda: draw_unrolled_rnn(2), lambda: draw_unrolled_rnn(3),
                                  lambda: draw_unrolled_rnn(6), lambda: draw_truncated_bptt(2, 4),
                                  lambda: draw_truncated_bptt(3, 4), lambda: draw_truncated_bptt(4, 3),
                                  lambda: draw_truncated_bptt(1, 4), lambda: draw_truncated_bptt(3, 1)])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_diagrams_are_legible_at_notebook_width(draw, language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    ax = draw()
    width, _ = ax.figure.get_size_inches()
    assert width <= 10
    assert legibility_problems(ax) == []
    plt.close("all")


def test_diagrams_draw_on_the_axes_they_are_given():
    _, (left, right) = plt.subplots(1, 2)
    assert draw_unrolled_rnn(3, ax=left) is left
    assert draw_truncated_bptt(2, 2, ax=right) is right
    assert "$h_{3}$" in symbols_on(left) and "window 2" in symbols_on(right)
    plt.close("all")


@pytest.mark.parametrize("steps", [1, 0, -2, 7, 2.5, True, "3"])
def test_unrolled_rnn_rejects_a_bad_number_of_steps_and_says_what_to_pass(steps):
    with pytest.raises(ValueError, match=r"steps must be a whole number from 2 to 6, .*pass for example "
                                         r"draw_unrolled_rnn\(steps=3\)"):
        draw_unrolled_rnn(steps)
    plt.close("all")


@pytest.mark.parametrize("windows, window_length, message", [
    (0, 4, r"windows must be a whole number from 1 to 4"),
    (5, 2, r"windows must be a whole number from 1 to 4"),
    (3, 0, r"window_length must be a whole number from 1 to 12"),
    (2, 1.5, r"window_length must be a whole number from 1 to 12"),
    (4, 4, r"4 x 4 = 16 steps do not fit at notebook width: pass at most 12 steps in all"),
])
def test_truncated_bptt_rejects_bad_windows_and_says_what_to_pass(windows, window_length, message):
    with pytest.raises(ValueError, match=message + r".*draw_truncated_bptt\(windows=3, window_length=4\)"):
        draw_truncated_bptt(windows, window_length)
    plt.close("all")
