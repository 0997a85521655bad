"""The LSTM step of lesson 03: the cell-state highway on top, the four gates below."""

from __future__ import annotations

from ..language import say
from .parts import HIGHWAY, arrow, box, canvas, label, node

__all__ = ["draw_lstm_cell"]

# The diagram's words in English and Korean (helpers.language.say picks one when it is drawn).
TITLE = {"en": "One LSTM step (gates stacked i, f, o, g in Wx, Wh, b)",
         "ko": "LSTM 한 단계 (Wx, Wh, b에 게이트를 i, f, o, g 순서로 쌓음)"}
CELL_STATE = {"en": "cell state: only × and +, no weight matrix", "ko": "셀 상태: ×와 +뿐, 가중치 행렬 없음"}
GATE_INPUT = {"en": "{input} through {weights} (one matmul for all four)",
              "ko": "{input}에 {weights} 적용 (네 게이트 모두 행렬 곱 한 번)"}
GATE_ROLES = {"en": "forget: what to keep of {c_prev}\ninput × candidate: what to write\n"
                    "output: what to show as {h}",
              "ko": "망각: {c_prev}에서 남길 것\n입력 × 후보: 새로 쓸 것\n출력: {h}로 내보낼 것"}


def draw_lstm_cell(ax=None):
    """A diagram of one LSTM step: the cell-state highway on top, the four gates below.

    In the course's gate order i, f, o, g. The cell state's path from c_{t-1} to c_t meets only
    a × and a + (no weight matrix): the path gradients take back through time.
    """
    with canvas(ax, size=(9, 4.6), xlim=(-0.3, 9.2), ylim=(0.0, 4.8),
                title=say(TITLE)) as ax:
        # the cell state: c_{t-1} -> x f -> + i*g -> c_t
        arrow(ax, (0.0, 4.0), (2.0, 4.0), HIGHWAY, shrink_start=0)
        node(ax, 2.0, 4.0, "×")
        arrow(ax, (2.0, 4.0), (4.4, 4.0), HIGHWAY)
        node(ax, 4.4, 4.0, "+")
        arrow(ax, (4.4, 4.0), (8.6, 4.0), HIGHWAY, shrink_start=0)
        label(ax, 0.0, 4.25, "$c_{t-1}$", color=HIGHWAY, fontsize=12, ha="left", va="baseline")
        label(ax, 8.75, 3.95, "$c_t$", color=HIGHWAY, fontsize=12, ha="left", va="baseline")
        label(ax, 4.7, 4.3, say(CELL_STATE), color=HIGHWAY, fontsize=9,
              ha="left", va="baseline")
        # the gates, all computed from [x_t, h_{t-1}]
        gates = [("f", 2.0, r"$\sigma$", "#fde2c8"), ("i", 3.6, r"$\sigma$", "#d6eaf8"),
                 ("g", 4.8, "tanh", "#d5f5e3"), ("o", 6.4, r"$\sigma$", "#f9e79f")]
        for name, x, fn, color in gates:
            box(ax, x, 1.6, f"{name} = {fn}", color, width=1.05)
            arrow(ax, (x, 0.6), (x, 1.35), shrink_start=0)
        ax.plot([0.0, 6.4], [0.6, 0.6], color="black", linewidth=1.4)
        label(ax, 0.0, 0.25, say(GATE_INPUT, input="$[x_t,\\ h_{t-1}]$", weights="$W_x, W_h, b$"),
              ha="left", va="baseline")
        arrow(ax, (2.0, 1.85), (2.0, 4.0), shrink_start=0)           # f gates the old state
        node(ax, 4.2, 2.8, "×")                                # i * g
        arrow(ax, (3.6, 1.85), (4.2, 2.8), shrink_start=0)
        arrow(ax, (4.8, 1.85), (4.2, 2.8), shrink_start=0)
        arrow(ax, (4.2, 2.8), (4.4, 4.0), shrink_start=0)
        # output: h_t = o * tanh(c_t)
        box(ax, 7.4, 3.2, "tanh", width=0.8, height=0.4)
        arrow(ax, (7.4, 4.0), (7.4, 3.45), shrink_start=0)
        node(ax, 7.4, 2.2, "×")
        arrow(ax, (7.4, 2.95), (7.4, 2.2), shrink_start=0)
        arrow(ax, (6.4, 1.85), (7.4, 2.2), shrink_start=0)
        arrow(ax, (7.4, 2.2), (8.6, 2.2), shrink_start=0)
        label(ax, 8.75, 2.15, "$h_t$", fontsize=12, ha="left", va="baseline")
        label(ax, 0.3, 3.2, say(GATE_ROLES, c_prev="$c_{t-1}$", h="$h_t$"), fontsize=9, ha="left")
    return ax
