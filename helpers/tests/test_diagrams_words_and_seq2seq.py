"""helpers.diagrams.words and helpers.diagrams.seq2seq: lesson 06's word2vec and lesson 07's seq2seq."""

from collections import Counter

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import same_color
from matplotlib.text import Annotation

from helpers.diagrams.parts import HIGHWAY, arrows_on, legibility_problems, symbols_on
from helpers.diagrams.seq2seq import draw_seq2seq
from helpers.diagrams.words import draw_skipgram_and_cbow
from helpers.language import LANGUAGE_VARIABLE


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)

SENTENCE = ("we", "read", "the", "file", "and", "close", "it")     # every word once, so counts say where


def _texts(ax):
    """(text, x, y) of every non-empty text on the axes."""
    return [(t.get_text(), *t.get_position()) for t in ax.texts if t.get_text()]

def _positions(ax, text):
    return sorted((x, y) for s, x, y in _texts(ax) if s == text)


def _row(ax, y, tolerance=0.05):
    """The texts at height y, left to right."""
    return [s for s, x, _ in sorted((t for t in _texts(ax) if abs(t[2] - y) < tolerance), key=lambda t: t[1])]

# lesson 06: CBOW and skip-gram

def test_word2vec_diagram_renders_with_the_lessons_symbols_and_every_word_of_the_window():
    ax = draw_skipgram_and_cbow(SENTENCE, centre=3, window=2)
    ax.figure.canvas.draw()
    symbols = symbols_on(ax)
    lines = symbols.split("\n")
    for symbol in (r"W_{\mathrm{in}}", r"W_{\mathrm{out}}", r"\frac{1}{2m}\sum_{j=1}^{2m} \mathbf{v}_{o_j}",
                   r"\mathbf{h} = \mathbf{v}_c", r"\sigma(\mathbf{h}^\top \mathbf{u}_c)",
                   r"\sigma(\mathbf{h}^\top \mathbf{u}_o)", r"$K$ negative", r"n_k \sim P_n(w)", "$m = 2$",
                   "CBOW", "skip-gram"):
        assert symbol in symbols, symbol
    assert lines.count("$c$") == 2                                   # under the centre word, in each panel
    for j in range(1, 5):
        assert lines.count(f"$o_{{{j}}}$") == 2
    assert "$o_{5}$" not in lines
    # each word of the sentence in both sentence rows; the context words also as skip-gram's
    # predictions, the centre word also as CBOW's prediction
    counts = Counter(lines)
    for word in ("read", "the", "and", "close"):
        assert counts[word] == 3, word
    assert counts["file"] == 3 and counts["we"] == 2 and counts["it"] == 2
    assert legibility_problems(ax) == []
    plt.close("all")


def test_cbow_arrows_run_from_the_context_words_in_and_skip_gram_arrows_from_the_centre_word_out():
    ax = draw_skipgram_and_cbow(SENTENCE, centre=3, window=2)
    (_, low_h), (_, high_h) = sorted(_positions(ax, r"$\mathbf{h}$"), key=lambda p: p[1])
    word_x = {s: x for s, x, y in _texts(ax) if s in SENTENCE and abs(y - (high_h - 1.3)) < 0.05}
    context_x = sorted(word_x[w] for w in ("read", "the", "and", "close"))
    arrows = arrows_on(ax)

    def near(y, target):
        return abs(y - target) < 0.3

    cbow_in = [tail for tail, head in arrows if near(head[1], high_h) and tail[1] < head[1] - 0.3]
    assert sorted(x for x, _ in cbow_in) == pytest.approx(context_x)           # fan in: context -> h
    skipgram_out = [head for tail, head in arrows if near(tail[1], low_h) and head[1] > tail[1] + 0.3]
    assert sorted(x for x, _ in skipgram_out) == pytest.approx(context_x)      # fan out: h -> each context word
    assert not [a for a in arrows if near(a[1][1], low_h) and abs(a[0][0] - a[1][0]) > 0.1], \
        "in skip-gram only the centre word flows into h"
    plt.close("all")


def test_word2vec_window_cut_by_the_sentence_edge_averages_the_words_it_has():
    ax = draw_skipgram_and_cbow(centre=0, window=3)
    lines = symbols_on(ax).split("\n")
    assert r"$\mathbf{h} = \frac{1}{3}\sum_{j=1}^{3} \mathbf{v}_{o_j}$" in lines
    assert "$o_{3}$" in lines and "$o_{4}$" not in lines
    assert any("cut where the sentence starts" in line for line in lines)
    assert legibility_problems(ax) == []
    plt.close("all")


@pytest.mark.parametrize("centre, window, message", [(6, 2, "outside the sentence"), (-1, 2, "outside the sentence"),
                                                     (2, 0, "m >= 1"), (2, -3, "m >= 1"),
                                                     (1.5, 2, "whole numbers")])
def test_word2vec_diagram_rejects_a_centre_outside_the_sentence_and_a_window_below_one(centre, window, message):
    with pytest.raises(ValueError, match=message):
        draw_skipgram_and_cbow(centre=centre, window=window)
    with pytest.raises(ValueError, match="one string"):
        draw_skipgram_and_cbow("the cat sat", centre=1)
    plt.close("all")


# lesson 07: the encoder-decoder, teacher forcing and greedy decoding

def test_seq2seq_diagram_shows_every_character_the_start_token_and_the_lessons_symbols():
    question, answer = "57+8", "65"
    ax = draw_seq2seq(question, answer)
    ax.figure.canvas.draw()
    symbols = symbols_on(ax)
    lines = symbols.split("\n")
    for symbol in ("$(h_S, c_S)$", "teacher forcing", "free running", "greedy decoding", "target[:, :-1]",
                   "target[:, 1:]", "start token", "encoder"):
        assert symbol in symbols, symbol
    assert [f"$x_{{{s}}}$" for s in range(1, 5)] == [line for line in lines if line.startswith("$x_")]
    assert lines.count("$y_{1}$") == 2 and lines.count("$y_{2}$") == 2 and "$y_{3}$" not in lines
    assert lines.count("argmax") == len(answer)                          # one per free-running step
    # the question once (encoder); the answer twice as outputs; "_" + answer[:-1] twice as inputs
    inputs = Counter("_" + answer[:-1])
    expected = Counter(question) + Counter(answer) + Counter(answer) + inputs + inputs
    assert {c: Counter(lines)[c] for c in expected} == dict(expected)
    assert lines.count("_") == 2
    assert legibility_problems(ax) == []
    plt.close("all")


def test_seq2seq_teacher_forcing_reads_the_targets_and_free_running_feeds_back_each_argmax():
    question, answer = "16+75  ", "91  "
    ax = draw_seq2seq(question, answer)
    (_, free_y), (_, forced_y) = sorted(_positions(ax, "_"), key=lambda p: p[1])
    shown = "_" + answer[:-1].replace(" ", "␣")
    assert _row(ax, forced_y) == list(shown) and _row(ax, free_y) == list(shown)
    # free running: a line from output t that ends where an arrow starts, whose head is at input t + 1
    inputs = sorted((x, y) for s, x, y in _texts(ax) if abs(y - free_y) < 0.05)
    outputs = sorted((x, y) for s, x, y in _texts(ax) if s in set(answer.replace(" ", "␣"))
                     and free_y + 1 < y < forced_y - 1 and x > inputs[0][0] - 0.5)     # not the encoder's
    assert len(inputs) == len(outputs) == len(answer)
    feedback = {}
    for line in ax.lines:
        xs, ys = line.get_data()
        end = (xs[-1], ys[-1])
        for tail, head in arrows_on(ax):
            if tail == pytest.approx(end):
                feedback[(xs[0], ys[0])] = head
    assert len(feedback) == len(answer) - 1
    for t in range(len(answer) - 1):
        start = min(feedback, key=lambda p: abs(p[0] - outputs[t][0]))
        assert start[0] == pytest.approx(outputs[t][0], abs=0.5) and start[1] == pytest.approx(outputs[t][1], abs=0.3)
        assert feedback[start] == pytest.approx(inputs[t + 1], abs=0.3)
    # teacher forcing: no arrow ends at the level of its inputs
    assert not [head for _, head in arrows_on(ax) if abs(head[1] - forced_y) < 0.05]
    assert legibility_problems(ax) == []
    plt.close("all")


def test_peeky_seq2seq_feeds_h_S_to_every_decoder_step_in_the_highway_colour_and_plain_does_not():
    answer = "65"
    ax = draw_seq2seq("57+8", answer, peeky=True)
    ax.figure.canvas.draw()
    tags = [t for t in ax.texts if t.get_text() == "$h_S$"]
    assert len(tags) == 2 * len(answer)                     # once per step, in both decoder rows
    assert all(same_color(t.get_color(), HIGHWAY) for t in tags)
    highway = [t for t in ax.texts if isinstance(t, Annotation) and same_color(t.arrow_patch.get_edgecolor(), HIGHWAY)]
    assert len(highway) == 4 * len(answer)                  # into each step's LSTM and its projection
    assert "peeky" in ax.get_title().lower() and "$h_S$" in ax.get_title()
    assert legibility_problems(ax) == []
    plt.close("all")

    ax = draw_seq2seq("57+8", answer, peeky=False)
    assert "$h_S$" not in symbols_on(ax).split("\n")
    assert not [t for t in ax.texts if isinstance(t, Annotation) and same_color(t.arrow_patch.get_edgecolor(), HIGHWAY)]
    assert "peeky" not in ax.get_title().lower()
    plt.close("all")



@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("draw", [lambda: draw_skipgram_and_cbow(SENTENCE, centre=3, window=2),
                                  lambda: draw_skipgram_and_cbow(centre=0, window=3),
                                  lambda: draw_skipgram_and_cbow(centre=5, window=2),
                                  lambda: draw_seq2seq("57+8", "65"), lambda: draw_seq2seq("16+75  ", "91  "),
                                  lambda: draw_seq2seq("57+8", "65", peeky=True)])
def test_word2vec_and_seq2seq_are_legible_in_both_languages(draw, language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    assert legibility_problems(draw()) == []
    plt.close("all")


def test_the_window_note_says_in_korean_where_the_sentence_cuts_it(monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    symbols = symbols_on(draw_skipgram_and_cbow(centre=2, window=4))
    assert symbols.count("윈도우: $c$ 양쪽으로 $m = 4$ 단어, 문장 처음과 끝에서 잘림") == 2
    plt.close("all")


@pytest.mark.parametrize("question, answer, message", [("", "65", "1 to 7"), ("57+8", "", "1 to 4"),
                                                       ("123+4567", "1", "1 to 7"), ("1+1", "12345", "1 to 4"),
                                                       ("5_7", "65", "start token"), (57, "65", "string")])
def test_seq2seq_diagram_rejects_empty_too_long_or_start_token_inputs(question, answer, message):
    with pytest.raises(ValueError, match=message):
        draw_seq2seq(question, answer)
    plt.close("all")
