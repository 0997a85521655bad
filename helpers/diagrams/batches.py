"""A padded batch, and what a packed bidirectional recurrent layer reads of it (lesson 05)."""

from __future__ import annotations

import operator

from matplotlib.patches import Rectangle

from ..language import say
from .parts import FORWARD, arrow, box, canvas, label

__all__ = ["draw_packed_bidirectional"]

# The backward direction is not a gradient, so it gets its own colour rather than GRADIENT's red.
BACKWARD = "#7d3c98"
REAL_FILL = "#d5f5e3"
PAD_FILL = "#e5e5e5"
H_FORWARD, H_BACKWARD = r"$\overrightarrow{h}$", r"$\overleftarrow{h}$"
MAX_STEPS, MAX_SEQUENCES = 8, 6       # beyond this the figure no longer reads at notebook width

# The diagram's words in English and Korean (helpers.language.say picks one when it is drawn);
# symbols and code come in as values and stay as they are.
PAD_TEXT = {"en": "pad", "ko": "패딩"}
TITLE = {"en": "Padding, then {call}", "ko": "패딩한 뒤 {call}"}
PADDED_BATCH = {"en": "padded batch {shape}", "ko": "패딩된 배치 {shape}"}
WHAT_IT_READS = {"en": "what the bidirectional LSTM reads", "ko": "양방향 LSTM이 읽는 것"}
HEAD = {"en": "many-to-one head", "ko": "다대일 헤드"}
CONCATENATION = {"en": "{call}\nforward first: {shape}", "ko": "{call}\n정방향이 먼저: {shape}"}
FORWARD_KEY = {"en": "forward: {steps}, final state {h} = h_n[-2] at the last real token",
               "ko": "정방향: {steps}, 마지막 실제 토큰에서 최종 상태 {h} = h_n[-2]"}
BACKWARD_KEY = {"en": "backward: starts at {start}, not at the padding; final state {h} = h_n[-1] at {first}",
                "ko": "역방향: 패딩이 아닌 {start}에서 시작, {first}에서 최종 상태 {h} = h_n[-1]"}
PADDING_KEY = {"en": "padding (token 0): packed away, never read by either direction",
               "ko": "패딩 (토큰 0): 패킹으로 빠져서 어느 방향도 읽지 않음"}


def _checked_lengths(lengths) -> list[int]:
    """The lengths as ints, or a ValueError that says what is wrong with them."""
    try:
        values = [operator.index(length) for length in lengths]
        if any(isinstance(length, bool) for length in lengths):
            raise TypeError
    except TypeError:
        raise ValueError(f"lengths must be whole numbers, one per sequence, e.g. (5, 3, 2); got {lengths!r}") from None
    if not values:
        raise ValueError("lengths is empty: give one length per sequence of the batch, e.g. (5, 3, 2)")
    if min(values) < 1:
        raise ValueError(f"every length must be at least 1 (a sequence has a real token before any padding); "
                         f"got {values}")
    if max(values) > MAX_STEPS or len(values) > MAX_SEQUENCES:
        raise ValueError(f"draws up to {MAX_SEQUENCES} sequences of up to {MAX_STEPS} steps legibly; "
                         f"got {len(values)} sequences, the longest of {max(values)}")
    return values


def draw_packed_bidirectional(lengths=(5, 3, 2), ax=None):
    """A padded batch (left) and what a packed bidirectional layer reads of it (right).

    lengths: one length $L_n$ per sequence, each >= 1, in any order (the lesson packs with
    ``enforce_sorted=False``); at most 6 sequences of at most 8 steps.
    Left: the batch right-padded with token 0 to $T_{max}$ = max(lengths), one row per
    sequence, real tokens filled, padding cells hatched and marked "pad" (in Korean "패딩"), $L_n$
    beside each row.
    Right: after ``pack_padded_sequence`` the forward direction reads each row's real tokens
    left to right; the backward direction starts at the row's last real token (t = L_n − 1,
    not at the padding) and reads right to left. The forward final state
    $\\overrightarrow{h}$ (``h_n[-2]``) sits at the last real token, the backward final state
    $\\overleftarrow{h}$ (``h_n[-1]``) at the first; a many-to-one head reads their
    concatenation, forward first. Returns the axes.
    """
    values = _checked_lengths(lengths)
    N, T = len(values), max(values)
    cell_w, cell_h, pitch = 0.7, 0.7, 1.5           # grid cells, and the distance between rows
    grid_x0 = 1.0
    grid_x1 = grid_x0 + T * cell_w
    step, token_w, token_h = 0.95, 0.5, 0.4          # the right panel's token boxes
    read_x0 = max(grid_x1, 3.8) + 1.9                # short batches keep room for the headings
    concat_x = max(read_x0 + (T - 1) * step + 1.9, 11.9)
    bottom, top = -(N - 1) * pitch - 2.5, 1.75
    # 9.8 inches wide, at most 0.75 inch per unit, so that the fonts stay in proportion to the cells
    left, right = -0.3, max(concat_x + 1.6, 9.8 / 0.75 - 0.3)
    scale = 9.8 / (right - left)
    own_figure = ax is None
    with canvas(ax, size=(9.8, scale * (top - bottom)), xlim=(left, right), ylim=(bottom, top),
                title=say(TITLE, call="pack_padded_sequence(x, lengths, batch_first=True, "
                                      "enforce_sorted=False)")) as ax:
        label(ax, 0.0, 1.45, say(PADDED_BATCH, shape="$(N, T_{max})$"), fontsize=11, ha="left")
        label(ax, read_x0 - token_w / 2, 1.45, say(WHAT_IT_READS), fontsize=11, ha="left")
        label(ax, concat_x, 1.45, say(HEAD), fontsize=11)
        for t in range(T):
            label(ax, grid_x0 + (t + 0.5) * cell_w, 0.95, f"t = {t}" if t == 0 else str(t), fontsize=9)
            label(ax, read_x0 + t * step, 0.95, f"t = {t}" if t == 0 else str(t), fontsize=9)
        ax.plot([read_x0 - 0.95] * 2, [bottom + 1.45, 1.25], color="#bbbbbb", linewidth=1, zorder=0)

        for n, length in enumerate(values):
            y = -n * pitch
            label(ax, 0.0, y, f"n = {n}", fontsize=10, ha="left")
            for t in range(T):
                real = t < length
                ax.add_patch(Rectangle((grid_x0 + t * cell_w, y - cell_h / 2), cell_w, cell_h,
                                       facecolor=REAL_FILL if real else PAD_FILL, edgecolor="black",
                                       hatch=None if real else "///", linewidth=1.0, zorder=2))
                if not real:
                    ax.text(grid_x0 + (t + 0.5) * cell_w, y, say(PAD_TEXT), ha="center", va="center",
                            fontsize=9, color="#444444", zorder=3,
                            bbox=dict(boxstyle="square,pad=0.1", facecolor=PAD_FILL, edgecolor="none"))
            label(ax, grid_x1 + 0.15, y, f"$L_{{{n}}} = {length}$", fontsize=10, ha="left")

            # the right panel: real tokens only; padding positions are left empty and never read
            for t in range(T):
                x = read_x0 + t * step
                if t < length:
                    box(ax, x, y, "", REAL_FILL, width=token_w, height=token_h)
                else:
                    ax.add_patch(Rectangle((x - token_w / 2, y - token_h / 2), token_w, token_h,
                                           facecolor="none", edgecolor="#bbbbbb", linestyle=":", zorder=1))
            for t in range(length - 1):
                x = read_x0 + t * step
                arrow(ax, (x + token_w / 2 + 0.05, y + 0.1), (x + step - token_w / 2 - 0.05, y + 0.1),
                      FORWARD, shrink=0)
                arrow(ax, (x + step - token_w / 2 - 0.05, y - 0.1), (x + token_w / 2 + 0.05, y - 0.1),
                      BACKWARD, shrink=0)
            label(ax, read_x0 + (length - 1) * step, y + 0.47, H_FORWARD, fontsize=12)
            label(ax, read_x0, y - 0.5, H_BACKWARD, color=BACKWARD, fontsize=12)
            box(ax, concat_x, y, rf"$[\overrightarrow{{h}}_{{{n}}},\ \overleftarrow{{h}}_{{{n}}}]$", "#f4f6f7",
                width=1.6, height=0.55, fontsize=11)
        label(ax, concat_x, -(N - 1) * pitch - 0.6,
              say(CONCATENATION, call="cat([h_n[-2], h_n[-1]], dim=1)", shape="$(N, 2H)$"), fontsize=9, va="top")

        legend_y = bottom + 1.1
        arrow(ax, (grid_x0, legend_y + 0.1), (grid_x0 + 0.6, legend_y + 0.1), FORWARD, shrink=0)
        label(ax, grid_x0 + 0.85, legend_y + 0.1,
              say(FORWARD_KEY, steps=r"$t = 0 \ldots L_n - 1$", h=H_FORWARD), fontsize=10, ha="left")
        arrow(ax, (grid_x0 + 0.6, legend_y - 0.4), (grid_x0, legend_y - 0.4), BACKWARD, shrink=0)
        label(ax, grid_x0 + 0.85, legend_y - 0.4,
              say(BACKWARD_KEY, start="$t = L_n - 1$", h=H_BACKWARD, first="$t = 0$"), color=BACKWARD, fontsize=10,
              ha="left")
        ax.add_patch(Rectangle((grid_x0 - 0.1, legend_y - 0.9 - 0.2), 0.35, 0.4, facecolor=PAD_FILL,
                               edgecolor="black", hatch="///", linewidth=1.0))
        ax.add_patch(Rectangle((grid_x0 + 0.35, legend_y - 0.9 - 0.2), 0.35, 0.4, facecolor="none",
                               edgecolor="#bbbbbb", linestyle=":"))
        label(ax, grid_x0 + 0.85, legend_y - 0.9, say(PADDING_KEY), color="#444444", fontsize=10, ha="left")
    if own_figure:
        ax.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.93)
    return ax
