"""Diagrams of attention: one decoder step of lesson 08, and lesson 09's self-attention block.

Both are drawn with the pieces of ``helpers.diagrams.parts`` and labelled with the lessons'
own symbols, so a learner can read the code below a figure with the figure's names.
"""

from __future__ import annotations

import numpy as np

from ..language import say
from .parts import FORWARD, HIGHWAY, arrow, box, canvas, label, node

__all__ = ["draw_attention_context", "draw_self_attention_block", "WEIGHT_ARROW_GID", "LINE_WIDTH_PER_WEIGHT"]

WEIGHT_ARROW_GID = "attention weight {s}"   # gid of the arrow from hs_s to the weighted sum (s from 1)
LINE_WIDTH_PER_WEIGHT = 9.0                 # points of line width per unit of attention weight
_THINNEST = 0.4                             # so that a weight of 0 still shows where an arrow would be

_ENCODER = "#d6eaf8"
_DECODER = "#fde2c8"
_SCORING = "#f9e79f"
_JOINED = "#d5f5e3"
_PLAIN = "#eeeeee"

# The diagrams' words in English and Korean (helpers.language.say picks one when a diagram is
# drawn); the lessons' symbols and code names come in as values and stay as they are.
CONTEXT_TITLE = {"en": "Attention at decoder step t: score, softmax, weighted sum",
                 "ko": "디코더 단계 t의 어텐션: 점수, 소프트맥스, 가중합"}
ENCODER_OUTPUTS = {"en": "encoder\noutputs", "ko": "인코더\n출력"}
DECODER_STATE = {"en": "decoder state", "ko": "디코더 상태"}
SCORES = {"en": "scores: dot products\n{score}", "ko": "점수: 내적\n{score}"}
EVERY = {"en": "every {hs}", "ko": "모든 {hs}"}
WEIGHTS_SUM_TO_ONE = {"en": "weights, summing to 1 over s", "ko": "가중치: s에 대한 합이 1"}
OUTPUT_LAYER = {"en": "output layer: {logits}", "ko": "출력 계층: {logits}"}
BLOCK_TITLE = {"en": "Lesson 09's SelfAttentionBlock: single head, pre-norm, one residual",
               "ko": "09강의 SelfAttentionBlock: 단일 헤드, 사전 정규화, 잔차 연결 하나"}
ROW_WEIGHTS = {"en": "weights {shape}: each row sums to 1", "ko": "가중치 {shape}: 각 행의 합이 1"}
WEIGHTS_AT_V = {"en": "weights @ {v}", "ko": "가중치 @ {v}"}
MASK = {"en": "mask {M}", "ko": "마스크 {M}"}
MASK_VALUES = {"en": "True: may attend (0)\nFalse: {minus_infinity} before\nthe softmax",
               "ko": "True: 어텐션 가능 (0)\nFalse: 소프트맥스 전에\n{minus_infinity}"}
MASK_SHAPES = {"en": "causal {causal}\nor padding {padding}", "ko": "인과적 {causal}\n또는 패딩 {padding}"}
OUT_PROJECTION = {"en": "self.out:  (weights @ {v}) {weights}", "ko": "self.out:  (가중치 @ {v}) {weights}"}
RESIDUAL_NOTE = {"en": "residual:\n{y}\n\nno LayerNorm,\nno weight matrix\non this path",
                 "ko": "잔차 연결:\n{y}\n\n이 경로에는\nLayerNorm도\n가중치 행렬도 없음"}
PRE_NORM_NOTE = {"en": "pre-norm: LayerNorm only inside the branch,\nso the path from {x} to {y} is an identity.\n"
                       "No feed-forward sub-layer in this lesson's block\n(section 7: a full transformer adds one).",
                 "ko": "사전 정규화: LayerNorm이 분기 안에만 있어서\n{x}에서 {y}로 가는 경로는 항등 함수다.\n"
                       "이 강의의 블록에는 피드포워드 부층이 없다\n(7절: 완전한 트랜스포머는 하나를 더한다)."}


def _checked_weights(weights) -> np.ndarray:
    """The weights as a 1-D float array, or a ValueError that says what is wrong with them.

    Accepts a list or tuple of numbers, a numpy array or a (detached, CPU) torch tensor, such as
    one row of the weights AttentionDecoder returns.
    """
    if isinstance(weights, (str, bytes)):
        raise ValueError(f"weights must be a 1-D sequence of numbers (one a_s per encoder state hs_s), "
                         f"got {weights!r}")
    try:
        array = np.asarray(weights)
    except (TypeError, ValueError, RuntimeError) as error:
        raise ValueError(f"weights must be a 1-D sequence of numbers (a torch tensor: call .detach()), "
                         f"got {weights!r}: {error}") from None
    if array.ndim != 1:
        raise ValueError(f"weights must be a 1-D sequence of numbers (one a_s per encoder state hs_s), "
                         f"got shape {array.shape}: {weights!r}")
    if array.size == 0:
        raise ValueError("weights is empty: give one weight per encoder state hs_s")
    if array.dtype.kind not in "iuf":
        raise ValueError(f"weights must all be real numbers, got {weights!r}")
    array = array.astype(float)
    if not np.all(np.isfinite(array)) or np.any(array < 0):
        raise ValueError(f"attention weights are non-negative finite numbers (a softmax's output), "
                         f"got {weights!r}")
    if abs(array.sum() - 1.0) > 1e-6:
        raise ValueError(f"attention weights sum to 1 over s, but these sum to {array.sum():.10g}: "
                         f"{weights!r}")
    return array


def _white_behind(ax) -> None:
    """Put a white patch behind the text just drawn, so it can sit on top of an arrow."""
    ax.texts[-1].set_bbox(dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))


def draw_attention_context(weights=(0.05, 0.1, 0.7, 0.1, 0.05), ax=None):
    """One step t of lesson 08's attention decoder, with the weights drawn on the arrows.

    weights: the S attention weights a_{t,1}, ..., a_{t,S} (non-negative, summing to 1);
    readable up to about 8. The encoder outputs hs_1 .. hs_S sit in a row; the decoder state
    h_t scores each of them by a dot product, a softmax over s turns the scores into the
    weights, and the context c_t = sum_s a_{t,s} hs_s is the weighted sum: the arrow from hs_s
    has a line width of LINE_WIDTH_PER_WEIGHT * a_{t,s} points (at least 0.4) and gid
    WEIGHT_ARROW_GID.format(s=s). Finally [c_t ; h_t] goes into the output layer.
    Raises ValueError if the weights are not a 1-D sequence of non-negative numbers summing
    to 1 (within 1e-6). Returns the axes.
    """
    a = _checked_weights(weights)
    S = len(a)
    row_y, left, right = 0.7, 0.7, 5.5
    xs = np.linspace(left, right, S) if S > 1 else np.array([(left + right) / 2])
    spacing = (right - left) / (S - 1) if S > 1 else 1.2
    sum_x, sum_y = (left + right) / 2, 3.3
    half = min(0.4, 0.4 * spacing)                      # half the width of an encoder-output box
    f = min(0.36, 1 - 0.6 / spacing)                    # where on each arrow its weight is written:
    #                                                     low enough that neighbouring labels do not touch
    column_x = 8.45                                     # the decoder's side: h_t, scores, softmax

    with canvas(ax, size=(9.6, 5.6), xlim=(-0.3, 10.2), ylim=(-0.25, 6.05),
                title=say(CONTEXT_TITLE)) as ax:
        # the encoder outputs, and the weighted sum over them
        for s, (x, weight) in enumerate(zip(xs, a), start=1):
            box(ax, x, row_y, f"$hs_{{{s}}}$", _ENCODER, width=half * 2)
            arrow(ax, (x, row_y + 0.3), (sum_x, sum_y), width=max(LINE_WIDTH_PER_WEIGHT * weight, _THINNEST),
                  shrink=13)
            weight_arrow = ax.texts[-1]
            weight_arrow.set_gid(WEIGHT_ARROW_GID.format(s=s))
            head = weight_arrow.arrow_patch            # a thick line needs a larger head with sharp corners
            head.set_mutation_scale(10 + 1.5 * head.get_linewidth())
            head.set_joinstyle("miter")
            head.set_capstyle("butt")
            label(ax, x + f * (sum_x - x), row_y + 0.3 + f * (sum_y - row_y - 0.3), f"{weight:.2f}",
                  fontsize=10)
            _white_behind(ax)
        label(ax, xs[0] - half - 0.1, row_y, say(ENCODER_OUTPUTS), fontsize=9, ha="right")
        label(ax, xs[0] - half - 0.1, row_y + 0.3 + f * (sum_y - row_y - 0.3), "$a_{t,s}$", fontsize=11,
              ha="right")
        node(ax, sum_x, sum_y, "Σ")
        label(ax, sum_x - 0.35, sum_y + 0.1, r"$c_t = \sum_s\, a_{t,s}\, hs_s$", fontsize=11, ha="right",
              va="bottom")

        # the decoder state scores every encoder output; a softmax over s gives the weights
        box(ax, column_x, row_y, "$h_t$", _DECODER, width=0.8)
        label(ax, column_x, row_y - 0.35, say(DECODER_STATE), fontsize=9, va="top")
        box(ax, column_x, 1.95, say(SCORES, score=r"$e_{t,s} = h_t \cdot hs_s$"), _SCORING, width=2.2, height=0.7)
        arrow(ax, (column_x, row_y + 0.3), (column_x, 1.55), shrink=2)
        arrow(ax, (xs[-1] + half + 0.05, row_y), (column_x - 1.15, 1.85), curve=0.25, shrink=4)
        label(ax, xs[-1] + half + 0.1, row_y - 0.15, say(EVERY, hs="$hs_s$"), fontsize=10, ha="left", va="top")
        box(ax, column_x, 3.3, r"$a_{t,s} = \mathrm{softmax}_s(e_{t,s})$", _SCORING, width=2.3)
        arrow(ax, (column_x, 2.35), (column_x, 3.0), shrink=4)
        arrow(ax, (column_x - 1.2, 3.3), (sum_x, sum_y), shrink=12)
        label(ax, (sum_x + column_x - 1.2) / 2 + 0.2, 3.45, say(WEIGHTS_SUM_TO_ONE), fontsize=10, va="bottom")

        # [c_t ; h_t] into the output layer
        joined_y, out_y = 4.45, 5.45
        box(ax, sum_x, joined_y, r"$[c_t \,;\, h_t]$", _JOINED, width=1.3)
        arrow(ax, (sum_x, sum_y), (sum_x, joined_y - 0.25), shrink=12)
        label(ax, sum_x + 0.12, (sum_y + joined_y) / 2 - 0.05, "$c_t$", fontsize=12, ha="left")
        up_x = 9.85                                     # h_t also goes straight to the output layer
        ax.plot([column_x + 0.45, up_x, up_x], [row_y, row_y, joined_y], color=FORWARD, linewidth=1.4,
                solid_joinstyle="miter", zorder=1)
        arrow(ax, (up_x, joined_y), (sum_x + 0.7, joined_y), shrink=4)
        label(ax, (column_x + up_x) / 2, joined_y + 0.08, "$h_t$", fontsize=12, va="bottom")
        box(ax, sum_x, out_y, say(OUTPUT_LAYER, logits=r"$\mathrm{logits}_t = W_o\,[c_t \,;\, h_t] + b_o$"), _PLAIN,
            width=4.6)
        arrow(ax, (sum_x, joined_y + 0.25), (sum_x, out_y - 0.25), shrink=4)
    return ax


def draw_self_attention_block(ax=None):
    """Lesson 09's SelfAttentionBlock: single head, pre-norm, one residual connection.

    h = norm(x); q, k, v = query(h), key(h), value(h);
    y = x + out(softmax(q k^T / sqrt(d_k) + M) v), with M = -inf where the mask is False.
    The residual path from x to the sum is drawn in HIGHWAY colour. The lesson's block has no
    feed-forward sub-layer (section 7 describes it); a note says so. Returns the axes.
    """
    with canvas(ax, size=(9.6, 6.4), xlim=(-0.2, 10.2), ylim=(-0.3, 7.1),
                title=say(BLOCK_TITLE)) as ax:
        mid = 4.6
        box(ax, mid, 0.2, "$x$", _PLAIN, width=0.7, height=0.4)
        label(ax, mid - 0.5, 0.2, "$(N, T, d_{model})$", fontsize=10, ha="right")

        # the attention branch: normalise, project, attend, project back
        box(ax, mid, 1.25, r"LayerNorm:  $h = \mathrm{LN}(x)$", _PLAIN, width=2.6, height=0.45)
        arrow(ax, (mid, 0.42), (mid, 1.0), shrink=4)
        projections = [(2.9, "q", "query"), (mid, "k", "key"), (6.3, "v", "value")]
        for x, name, layer in projections:
            box(ax, x, 2.5, f"self.{layer}\n${name} = h\\,W_{name} + b_{name}$", _ENCODER, width=1.45,
                height=0.7)
            arrow(ax, (mid, 1.5), (x, 2.12), shrink=4)
        weights_x, weights_y = 3.75, 3.85
        box(ax, weights_x, weights_y, r"$\mathrm{softmax}(q\,k^\top / \sqrt{d_k} + M)$", _SCORING, width=3.1,
            height=0.5)
        label(ax, weights_x, weights_y + 0.38, say(ROW_WEIGHTS, shape="$(N, T, T)$"), fontsize=9, va="bottom")
        for x, _, _ in projections[:2]:
            arrow(ax, (x, 2.88), (x, weights_y - 0.25), shrink=4)
        product_x = 6.3
        node(ax, product_x, weights_y, "@")
        arrow(ax, (weights_x + 1.6, weights_y), (product_x, weights_y), shrink=13)
        arrow(ax, (product_x, 2.88), (product_x, weights_y), shrink=13)
        label(ax, product_x + 0.32, weights_y, say(WEIGHTS_AT_V, v="$v$"), fontsize=10, ha="left")

        box(ax, 0.95, weights_y, say(MASK, M="$M$"), _DECODER, width=1.2, height=0.45)
        label(ax, 0.95, weights_y - 0.35, say(MASK_VALUES, minus_infinity="$-\\infty$"), fontsize=9, va="top")
        arrow(ax, (1.6, weights_y), (weights_x - 1.6, weights_y), shrink=4)
        label(ax, 0.95, weights_y + 0.33, say(MASK_SHAPES, causal="$(T, T)$", padding="$(N, 1, T)$"), fontsize=9,
              va="bottom")

        out_y = 5.0
        box(ax, product_x, out_y, say(OUT_PROJECTION, v="$v$", weights="$W_o + b_o$"), _ENCODER, width=3.3,
            height=0.45)
        arrow(ax, (product_x, weights_y), (product_x, out_y - 0.22), shrink=13)
        sum_y = 6.0
        node(ax, product_x, sum_y, "+")
        arrow(ax, (product_x, out_y + 0.22), (product_x, sum_y), shrink=13)
        arrow(ax, (product_x, sum_y), (product_x, 6.75), shrink=13)
        label(ax, product_x + 0.15, 6.72, "$y$  $(N, T, d_{model})$", fontsize=11, ha="left")

        # the residual: x itself, no weight matrix, added to the branch's output
        lane_x = 8.4
        ax.plot([mid + 0.4, lane_x, lane_x], [0.2, 0.2, sum_y], color=HIGHWAY, linewidth=2.4,
                solid_joinstyle="miter", zorder=1)
        arrow(ax, (lane_x, sum_y), (product_x, sum_y), HIGHWAY, width=2.4, shrink=13)
        label(ax, lane_x + 0.15, 3.1, say(RESIDUAL_NOTE, y="$y = x + \\mathrm{out}(\\ldots)$"), color=HIGHWAY,
              fontsize=10, ha="left")
        label(ax, 0.0, 6.3, say(PRE_NORM_NOTE, x="$x$", y="$y$"), fontsize=9, ha="left", va="center")
    return ax
