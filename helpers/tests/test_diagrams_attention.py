"""helpers.diagrams.attention: lesson 08's attention step and lesson 09's self-attention block."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color

from helpers.diagrams.attention import (
    LINE_WIDTH_PER_WEIGHT,
    WEIGHT_ARROW_GID,
    draw_attention_context,
    draw_self_attention_block,
)
from helpers.diagrams.parts import HIGHWAY, legibility_problems, symbols_on
from helpers.language import LANGUAGE_VARIABLE


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)


def _weight_arrow_widths(ax, count):
    """The line widths of the arrows from hs_1 .. hs_count to the weighted sum, in order."""
    arrows = {text.get_gid(): text for text in ax.texts if text.get_gid()}
    return [arrows[WEIGHT_ARROW_GID.format(s=s)].arrow_patch.get_linewidth() for s in range(1, count + 1)]

def test_attention_context_renders_with_the_symbols_of_lesson_08():
    weights = (0.05, 0.1, 0.7, 0.1, 0.05)
    ax = draw_attention_context(weights)
    ax.figure.canvas.draw()
    texts = [text.get_text() for text in ax.texts]
    symbols = symbols_on(ax)
    assert [t for t in texts if re.fullmatch(r"\$hs_\{\d+\}\$", t)] == [f"$hs_{{{s}}}$" for s in range(1, 6)]
    for value in ("0.05", "0.10", "0.70"):
        assert value in texts
    assert texts.count("0.05") == 2 and texts.count("0.10") == 2
    assert "$h_t$" in texts and "$c_t$" in texts
    assert r"$c_t = \sum_s\, a_{t,s}\, hs_s$" in texts
    assert r"$e_{t,s} = h_t \cdot hs_s$" in symbols                         # the dot-product scores
    assert r"$a_{t,s} = \mathrm{softmax}_s(e_{t,s})$" in texts
    assert r"$[c_t \,;\, h_t]$" in texts
    assert r"output layer: $\mathrm{logits}_t = W_o\,[c_t \,;\, h_t] + b_o$" in texts
    plt.close("all")


def test_attention_context_draws_one_encoder_state_and_one_weight_per_weight():
    weights = [0.02, 0.03, 0.05, 0.1, 0.4, 0.3, 0.05, 0.05]
    ax = draw_attention_context(weights)
    texts = [text.get_text() for text in ax.texts]
    assert sum(bool(re.fullmatch(r"\$hs_\{\d+\}\$", t)) for t in texts) == 8
    assert "$hs_{8}$" in texts and "$hs_{9}$" not in texts
    assert sorted(t for t in texts if re.fullmatch(r"\d\.\d\d", t)) == sorted(f"{w:.2f}" for w in weights)
    assert len(_weight_arrow_widths(ax, 8)) == 8
    plt.close("all")


def test_the_arrow_of_the_largest_weight_is_the_thickest():
    weights = (0.1, 0.15, 0.6, 0.15)
    ax = draw_attention_context(weights)
    widths = _weight_arrow_widths(ax, len(weights))
    assert max(range(4), key=widths.__getitem__) == 2
    assert widths[2] > max(widths[:2] + widths[3:])
    assert widths[1] == widths[3] > widths[0]                                  # equal weights, equal widths
    assert widths == pytest.approx([LINE_WIDTH_PER_WEIGHT * w for w in weights])
    plt.close("all")
    ax = draw_attention_context((0.8, 0.2))                                    # the largest weight first
    first, second = _weight_arrow_widths(ax, 2)
    assert first > second
    plt.close("all")


@pytest.mark.parametrize("weights, message", [
    ((0.5, 0.6), "sum to 1.1"),
    ((-0.1, 1.1), "non-negative"),
    ((float("nan"), 1.0), "non-negative finite"),
    (((0.5, 0.5),), "1-D"),
    ([[0.5, 0.5]], "1-D"),
    (0.5, "1-D"),
    ("ab", "1-D"),
    ((), "empty"),
    (("0.5", "0.5"), "real numbers"),
    ((True, False), "real numbers"),
    ((0.5, 0.5 + 2e-6), "sum to 1.000002"),
])
def test_weights_that_are_not_a_softmax_output_raise_a_clear_value_error(weights, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        draw_attention_context(weights)
    plt.close("all")


def test_weights_within_the_tolerance_and_array_weights_are_accepted():
    ax = draw_attention_context((0.5, 0.5 + 5e-7))
    assert "0.50" in [text.get_text() for text in ax.texts]
    plt.close("all")
    torch = pytest.importorskip("torch")
    row = torch.softmax(torch.tensor([0.0, 2.0, 1.0]), dim=0)          # one row of a decoder's weights
    ax = draw_attention_context(row)
    assert f"{float(row[1]):.2f}" in [text.get_text() for text in ax.texts]
    plt.close("all")
    ax = draw_attention_context(np.array([0, 1]))
    assert _weight_arrow_widths(ax, 2)[1] > _weight_arrow_widths(ax, 2)[0]
    plt.close("all")



@pytest.mark.parametrize("language", ["en", "ko"])
def test_attention_context_is_legible_at_notebook_width(language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    ax = draw_attention_context()
    assert 9 <= ax.figure.get_figwidth() <= 10
    assert legibility_problems(ax) == []
    plt.close("all")
    assert legibility_problems(draw_attention_context([0.02, 0.03, 0.05, 0.1, 0.4, 0.3, 0.05, 0.05])) == []
    plt.close("all")
    assert legibility_problems(draw_attention_context((1.0,))) == []
    plt.close("all")


def test_self_attention_block_renders_with_the_symbols_of_lesson_09():
    ax = draw_self_attention_block()
    ax.figure.canvas.draw()
    symbols = symbols_on(ax)
    for expected in ("LayerNorm", r"$h = \mathrm{LN}(x)$", r"$q = h\,W_q + b_q$", r"$k = h\,W_k + b_k$",
                     r"$v = h\,W_v + b_v$", r"$\mathrm{softmax}(q\,k^\top / \sqrt{d_k} + M)$", "mask $M$",
                     "self.query", "self.key", "self.value", "self.out", "$W_o + b_o$", "residual",
                     r"$y = x + \mathrm{out}(\ldots)$"):
        assert expected in symbols, expected
    plt.close("all")


def test_self_attention_block_is_pre_norm_with_its_residual_on_the_highway():
    ax = draw_self_attention_block()
    y_of = {}
    for text in ax.texts:
        for key in ("LayerNorm", "self.query", "softmax", "self.out", "+"):
            if text.get_text().startswith(key) or (key in ("softmax",) and key in text.get_text()):
                y_of.setdefault(key, text.get_position()[1])
    # the branch, bottom to top: LayerNorm first (pre-norm), then q, the weights, out, the sum
    assert y_of["LayerNorm"] < y_of["self.query"] < y_of["softmax"] < y_of["self.out"] < y_of["+"]
    residual = [text for text in ax.texts if text.get_text().startswith("residual")]
    assert len(residual) == 1 and same_color(residual[0].get_color(), HIGHWAY)
    assert any(same_color(line.get_color(), HIGHWAY) for line in ax.get_lines())
    plt.close("all")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_self_attention_block_is_legible_at_notebook_width(language, monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, language)
    ax = draw_self_attention_block()
    assert 9 <= ax.figure.get_figwidth() <= 10
    assert legibility_problems(ax) == []
    plt.close("all")
