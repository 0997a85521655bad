"""helpers.diagrams: the drawing pieces, lesson 03's LSTM cell, and every diagram legible as the lessons draw it,
in English and in Korean."""

import logging
import re
import string
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import helpers.diagrams
from helpers import plotting
from helpers.diagrams import attention, batches, draw_lstm_cell, gru, lstm, recurrence, seq2seq, words
from helpers.diagrams.parts import GRADIENT, arrow, arrows_on, box, canvas, label, legibility_problems, node, symbols_on
from helpers.language import LANGUAGE_VARIABLE

HANGUL = re.compile(r"[\uac00-\ud7a3]")
MESSAGES = [(module.__name__, name, value)
            for module in (recurrence, lstm, gru, batches, words, seq2seq, attention, plotting)
            for name, value in vars(module).items() if isinstance(value, dict) and set(value) == {"en", "ko"}]
# the diagrams as the lessons draw them, and the variants whose words change
DRAWINGS = {**{name: getattr(helpers.diagrams, name) for name in helpers.diagrams.__all__},
            "draw_unrolled_rnn(2)": lambda: helpers.diagrams.draw_unrolled_rnn(2),
            "draw_truncated_bptt(1, 4)": lambda: helpers.diagrams.draw_truncated_bptt(1, 4),
            "draw_truncated_bptt(3, 1)": lambda: helpers.diagrams.draw_truncated_bptt(3, 1),
            "draw_skipgram_and_cbow(centre=0, window=3)": lambda: helpers.diagrams.draw_skipgram_and_cbow(centre=0,
                                                                                                         window=3),
            "draw_skipgram_and_cbow(centre=2, window=4)": lambda: helpers.diagrams.draw_skipgram_and_cbow(centre=2,
                                                                                                         window=4),
            "draw_seq2seq(peeky=True)": lambda: helpers.diagrams.draw_seq2seq(peeky=True)}


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)


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


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("name", list(DRAWINGS))
def test_every_diagram_is_legible_as_the_lessons_draw_it(name, language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    ax = DRAWINGS[name]()
    assert legibility_problems(ax) == []
    assert 7 <= ax.figure.get_figwidth() <= 10.5, "drawn at about notebook width"
    plt.close("all")


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_every_diagram_speaks_korean_with_every_glyph_drawn(name, monkeypatch, caplog):
    """Under RNN_COURSE_LANGUAGE=ko the diagram's words are Korean, and every glyph is drawn: no
    "Glyph ... missing" warning, and no mathtext "does not have a glyph" (Hangul beside $math$)."""
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    ax = DRAWINGS[name]()
    assert HANGUL.search(ax.get_title()), ax.get_title()
    assert len(HANGUL.findall(symbols_on(ax))) >= 10
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    plt.close("all")
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    assert [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()] == []


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_english_diagrams_have_no_korean(name):
    ax = DRAWINGS[name]()
    assert not HANGUL.search(symbols_on(ax))
    plt.close("all")


def test_a_korean_text_beside_math_draws_hangul_from_the_hangul_font(monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    ax = draw_lstm_cell()
    mixed = [text for text in ax.texts if HANGUL.search(text.get_text()) and "$" in text.get_text()]
    plain = [text for text in ax.texts if not HANGUL.search(text.get_text())]
    assert mixed and all(text.get_fontfamily()[0] == "NanumGothic" for text in mixed)
    assert plain and all(text.get_fontfamily()[0] != "NanumGothic" for text in plain)
    plt.close("all")


def _fields(template):
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_the_figures_have_many_words_in_both_languages():
    assert len(MESSAGES) >= 70, len(MESSAGES)


@pytest.mark.parametrize("module, name, texts", MESSAGES, ids=[f"{m}.{n}" for m, n, _ in MESSAGES])
def test_each_korean_text_is_korean_and_shows_the_same_values(module, name, texts):
    assert HANGUL.search(texts["ko"]), f"{module}.{name}: the Korean text is not in Korean"
    # Korean has no plural: only the English plural endings may go unused
    assert _fields(texts["ko"]) <= _fields(texts["en"]), f"{module}.{name}"
    assert _fields(texts["en"]) - _fields(texts["ko"]) <= {"s", "plural"}, f"{module}.{name}"


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
