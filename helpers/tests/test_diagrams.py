"""helpers.diagrams: the drawing pieces, lesson 03's LSTM cell, and every diagram legible as the lessons draw it."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import helpers.diagrams
from helpers.diagrams import draw_lstm_cell
from helpers.diagrams.parts import GRADIENT, arrow, arrows_on, box, canvas, label, legibility_problems, node, symbols_on


def test_the_pieces_draw_on_a_blank_canvas_and_symbols_on_reads_every_text_back():
    with canvas(None, size=(4, 2), xlim=(0, 4), ylim=(0, 2), title="pieces") as ax:
        box(ax, 1, 1, "$W_h$")
        node(ax, 2, 1, "×")
        arrow(ax, (1, 1), (2, 1), dashed=True)
        label(ax, 3, 1, "$h_t$")
    ax.figure.canvas.draw()
    assert symbols_on(ax).split("\n") == ["pieces", "$W_h$", "×", "$h_t$"]
    assert not ax.axison and ax.get_xlim() == (0, 4)
    assert arrows_on(ax) == [((1, 1), (2, 1))] and arrows_on(ax, GRADIENT) == []
    plt.close("all")


def test_legibility_problems_names_small_type_overlaps_and_texts_cut_off():
    with canvas(None, size=(3, 2), xlim=(0, 3), ylim=(0, 2), title="t") as ax:
        label(ax, 1, 1, "small", fontsize=6)
        label(ax, 1, 1, "on top of it")
        label(ax, 2.95, 1, "cut off at the right", ha="left")
    problems = legibility_problems(ax)
    assert "'small' is set in 6.0 pt" in problems
    assert "'small' overlaps 'on top of it'" in problems
    assert "'cut off at the right' is cut off by the figure's edge" in problems
    plt.close("all")


@pytest.mark.parametrize("name", helpers.diagrams.__all__)
def test_every_diagram_is_legible_as_the_lessons_draw_it(name):
    ax = getattr(helpers.diagrams, name)()
    assert legibility_problems(ax) == []
    assert 7 <= ax.figure.get_figwidth() <= 10.5, "drawn at about notebook width"
    plt.close("all")


def test_the_lstm_cell_shows_its_four_gates_in_the_course_order_and_both_states():
    ax = draw_lstm_cell()
    ax.figure.canvas.draw()
    symbols = symbols_on(ax)
    for gate in ("i = $\\sigma$", "f = $\\sigma$", "o = $\\sigma$", "g = tanh"):
        assert gate in symbols
    for state in ("$c_{t-1}$", "$c_t$", "$h_t$", "$[x_t,\\ h_{t-1}]$"):
        assert state in symbols
    assert "i, f, o, g" in ax.get_title()
    plt.close("all")


@pytest.mark.parametrize("name", helpers.diagrams.__all__)
def test_every_diagram_draws_on_the_axes_it_is_given(name):
    _, ax = plt.subplots()
    assert getattr(helpers.diagrams, name)(ax=ax) is ax
    assert symbols_on(ax).count("\n") >= 3, "its labels are on the given axes"
    plt.close("all")
