"""The GRU cell of lesson 04, drawn in the lesson's convention and symbols."""

from __future__ import annotations

import math

from ..language import say
from .parts import FORWARD, HIGHWAY, arrow, box, canvas, label, node

__all__ = ["draw_gru_cell"]

# the exact strings the lesson's symbols are drawn with (the tests compare against them)
X_T, H_PREV, H_T = "$x_t$", "$h_{t-1}$", "$h_t$"
R_BOX, Z_BOX, N_BOX = r"$r_t = \sigma$", r"$z_t = \sigma$", r"$n_t = \tanh$"
UPDATE_RULE = r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t$"

# The diagram's words in English and Korean (helpers.language.say picks one when it is drawn);
# the symbols above come in as values.
TITLE = {"en": "One GRU step (gates stacked r, z, n in Wx, Wh, b): {rule}",
         "ko": "GRU 한 단계 (Wx, Wh, b에 게이트를 r, z, n 순서로 쌓음): {rule}"}
HIGHWAY_NOTE = {"en": "no weight matrix, only × and +: like the LSTM's cell state",
                "ko": "가중치 행렬 없이 ×와 +뿐: LSTM의 셀 상태와 같다"}
GATE_INPUT = {"en": "{input} through {weights}", "ko": "{input}에 {weights} 적용"}
RESET_NOTE = {"en": "reset after the product: {product} inside {candidate}",
              "ko": "곱한 뒤에 리셋: {candidate} 안의 {product}"}
GATE_ROLES = {"en": "reset {r}: how much of the\npast the candidate may read\n\n"
                    "update {z}: how much of\nthe candidate to take",
              "ko": "리셋 {r}: 후보가 과거를\n얼마나 읽을지\n\n갱신 {z}: 후보를\n얼마나 받아들일지"}


def draw_gru_cell(ax=None):
    """A diagram of one GRU step in lesson 04's convention, gates stacked r, z, n.

    Inputs $x_t$ and $h_{t-1}$ feed the reset gate $r_t = \\sigma$, the update gate
    $z_t = \\sigma$ and the candidate $n_t = \\tanh$. The reset gate multiplies the recurrent
    term inside the candidate, $r_t \\odot (h_{t-1} W_h^n)$, as in the lesson (and PyTorch);
    the update mixes $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot n_t$ (z weighs the candidate,
    not PyTorch's z) through the nodes 1−, × and +. The path from $h_{t-1}$ to $h_t$ through
    × (1 − z_t) and + has no weight matrix on it and is drawn in ``HIGHWAY`` colour: the
    GRU's analogue of the LSTM's cell state. Returns the axes.
    """
    own_figure = ax is None
    with canvas(ax, size=(9.5, 5.0), xlim=(-0.5, 9.7), ylim=(-0.55, 5.25),
                title=say(TITLE, rule=UPDATE_RULE)) as ax:
        top, mix, gates, bus = 4.5, 3.3, 1.75, 0.5
        keep_x, add_x, z_x, r_x, reset_x = 3.4, 7.8, 3.4, 5.0, 6.4
        gate_w, gate_h, cand_y = 1.05, 0.5, gates + 0.35
        hidden_y, hidden_h = 1.0, 0.36
        R, R_ONE = 0.22, 0.26          # node radii; edges below are those plus the boxes' 0.05 pad

        # the highway: h_{t-1} -> x (1 - z_t) -> + z_t n_t -> h_t, no weight matrix on it
        ax.plot([-0.2, keep_x - R], [top, top], color=HIGHWAY, linewidth=2.2, zorder=1)
        node(ax, keep_x, top, "×")
        _link(ax, (keep_x, top), (add_x, top), HIGHWAY, leave=R, reach=R, width=2.2)
        node(ax, add_x, top, "+")
        _link(ax, (add_x, top), (9.0, top), HIGHWAY, leave=R, width=2.2)
        label(ax, -0.2, top + 0.3, H_PREV, color=HIGHWAY, fontsize=12, ha="left")
        label(ax, 9.1, top, H_T, color=HIGHWAY, fontsize=12, ha="left")
        label(ax, (keep_x + add_x) / 2, top + 0.32,
              say(HIGHWAY_NOTE), color=HIGHWAY, fontsize=9.5)

        # h_{t-1} and x_t meet on the input bus, as [x_t, h_{t-1}] in the LSTM diagram
        ax.plot([0.2, 0.2, 8.3], [top, bus, bus], color=FORWARD, linewidth=1.4, zorder=1)
        ax.plot([0.2], [top], marker="o", markersize=5, color=HIGHWAY, zorder=2)
        _link(ax, (0.9, -0.25), (0.9, bus))
        label(ax, 0.9, -0.4, X_T, fontsize=12)
        label(ax, 1.3, 0.2, say(GATE_INPUT, input=r"$[x_t,\ h_{t-1}]$", weights="$W_x, W_h, b$"), fontsize=10,
              ha="left")

        # the update gate: 1 - z_t keeps the old state, z_t takes the candidate
        box(ax, z_x, gates, Z_BOX, "#fde2c8", width=gate_w)
        _link(ax, (z_x, bus), (z_x, gates), reach=gate_h / 2 + 0.05)
        node(ax, keep_x, mix, "1−", radius=R_ONE, fontsize=11)
        _link(ax, (z_x, gates), (keep_x, mix), leave=gate_h / 2 + 0.05, reach=R_ONE)
        _link(ax, (keep_x, mix), (keep_x, top), leave=R_ONE, reach=R)
        label(ax, keep_x - 0.12, (mix + top) / 2, "$1 - z_t$", fontsize=10, ha="right")
        branch = (z_x, 2.55)
        ax.plot(*branch, marker="o", markersize=5, color=FORWARD, zorder=2)
        _link(ax, branch, (add_x, mix), reach=R)
        label(ax, 5.6, 3.05, "$z_t$", fontsize=10)

        # the reset gate scales the recurrent term inside the candidate
        box(ax, r_x, gates, R_BOX, "#d6eaf8", width=gate_w)
        _link(ax, (r_x, bus), (r_x, gates), reach=gate_h / 2 + 0.05)
        box(ax, reset_x, hidden_y, "$h_{t-1} W_h^n$", "#eeeeee", width=1.05, height=hidden_h, fontsize=10)
        _link(ax, (reset_x, bus), (reset_x, hidden_y), reach=hidden_h / 2 + 0.05)
        node(ax, reset_x, cand_y, "×")
        _link(ax, (reset_x, hidden_y), (reset_x, cand_y), leave=hidden_h / 2 + 0.05, reach=R)
        _link(ax, (r_x + gate_w / 2 + 0.05, gates), (reset_x, cand_y), reach=R)
        label(ax, 4.75, 0.2, say(RESET_NOTE, product=r"$r_t \odot (h_{t-1} W_h^n)$", candidate="$n_t$"),
              fontsize=10, ha="left")

        # the candidate, and z_t times the candidate added to the highway
        box(ax, add_x, cand_y, N_BOX, "#d5f5e3", width=gate_w)
        _link(ax, (reset_x, cand_y), (add_x - gate_w / 2 - 0.05, cand_y), leave=R)
        _link(ax, (add_x, bus), (add_x, cand_y), reach=gate_h / 2 + 0.05)
        label(ax, add_x + 0.1, 1.1, "$x_t W_x^n + b^n$", fontsize=10, ha="left")
        node(ax, add_x, mix, "×")
        _link(ax, (add_x, cand_y), (add_x, mix), leave=gate_h / 2 + 0.05, reach=R)
        _link(ax, (add_x, mix), (add_x, top), leave=R, reach=R)
        label(ax, add_x + 0.12, (mix + top) / 2, r"$z_t \odot n_t$", fontsize=10, ha="left")

        label(ax, 0.45, 2.75, say(GATE_ROLES, r="$r_t$", z="$z_t$"), fontsize=9.5, ha="left")
    if own_figure:
        ax.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.93)
    return ax


def _link(ax, start, end, color=FORWARD, *, leave=0.0, reach=0.0, width=1.4):
    """An arrow from ``leave`` past ``start`` to ``reach`` short of ``end`` (data units): a node's
    radius, or a box's half height, so that the head lands on the edge instead of under it."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    arrow(ax, (x0 + ux * leave, y0 + uy * leave), (x1 - ux * reach, y1 - uy * reach), color,
          width=width, shrink=0)
