"""Diagrams of recurrence: an RNN unrolled in time (lesson 01) and truncated BPTT (lesson 02).

Black arrows carry values forward in time, red dashed arrows carry gradients backward; the
labels are the lessons' symbols ($h_t$, $x_t$, $w_{hh}$, $w_{xh}$, the factor
$w_{hh}(1-h_t^2)$), so the code under each picture can be read against it.
"""

from __future__ import annotations

from numbers import Integral

from ..language import say
from .parts import FORWARD, GRADIENT, arrow, box, canvas, label

__all__ = ["draw_unrolled_rnn", "draw_truncated_bptt", "state_symbol", "input_symbol",
           "factor_symbol"]

MAX_STEPS = 6            # more states than this do not fit, legibly, at notebook width
MAX_TOTAL_STEPS = 12     # the same limit for truncated BPTT, over all windows together
MAX_WINDOWS = 4

_STATE_COLOR = "#d6eaf8"
_INPUT_COLOR = "#eeeeee"
_LOSS_COLOR = "#fde2c8"

# The diagrams' words in English and Korean (helpers.language.say picks one when a diagram is
# drawn); the symbols ($h_t$, $w_{hh}$, ...) come in as values and stay as they are.
FORWARD_KEY = {"en": "forward: values", "ko": "순전파: 값"}
BACKWARD_KEY = {"en": "backward: gradients (backpropagation through time)",
                "ko": "역전파: 기울기 (시간 역전파)"}
UNROLLED_TITLE = {"en": "An RNN unrolled over T = {steps} steps: values go forward, gradients go back",
                  "ko": "T = {steps} 단계로 펼친 RNN: 값은 앞으로, 기울기는 뒤로 간다"}
LOSS = {"en": "loss $L$", "ko": "손실 $L$"}
ONE_FACTOR = {"en": "one red factor, for the one step back from {last} to {first}",
              "ko": "{last}에서 {first}까지 한 단계를 거슬러 가는 빨간 인수 하나"}
FACTOR_PRODUCT = {"en": "the product of the {count} red factors, one for each step back from {last} to {first}",
                  "ko": "{last}에서 {first}까지 거슬러 가는 단계마다 하나씩, 빨간 인수 {count}개의 곱"}
BPTT_TITLE = {"en": "Truncated BPTT: {windows} window{s} (chunk{s}) of {length} step{plural}",
              "ko": "절단된 BPTT: {length}단계짜리 윈도우(덩어리) {windows}개"}
WINDOW = {"en": "window {number}", "ko": "윈도우 {number}"}
ONE_STEP = {"en": "step {first}", "ko": "{first}단계"}
STEPS = {"en": "steps {first}–{last}", "ko": "{first}–{last}단계"}
BLANK_START = {"en": "blank\nstart", "ko": "빈 상태로\n시작"}
CARRIED = {"en": "{state} carried\nforward", "ko": "{state}\n넘겨줌"}
GRADIENT_STOPS = {"en": "gradient\nstops here", "ko": "기울기는\n여기서 멈춤"}
WINDOWS_CAPTION = {"en": "The state is carried across every boundary, so the model reads the sequence "
                         "without a break;\nthe gradient is cut there, so none goes back more than "
                         "{length} step{plural}.",
                   "ko": "상태는 모든 경계를 넘어 이어지므로 모델은 시퀀스를 끊김 없이 읽는다.\n"
                         "기울기는 경계에서 잘리므로 어떤 기울기도 {length}단계보다 더 거슬러 가지 않는다."}
ONE_WINDOW_CAPTION = {"en": "One window: the gradient goes back through all {length} step{plural}.",
                      "ko": "윈도우 하나: 기울기가 {length}단계를 모두 거슬러 간다."}


def state_symbol(t: int) -> str:
    """The label of the hidden state at step t, e.g. ``$h_{3}$``."""
    return f"$h_{{{t}}}$"


def input_symbol(t: int) -> str:
    """The label of the input at step t, e.g. ``$x_{3}$``."""
    return f"$x_{{{t}}}$"


def factor_symbol(t: int) -> str:
    r"""The local factor $\partial h_t / \partial h_{t-1} = w_{hh}(1-h_t^2)$ at step t."""
    return f"$w_{{hh}}(1-h_{{{t}}}^2)$"


def _check_count(name: str, value, smallest: int, largest: int, example: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or not smallest <= value <= largest:
        raise ValueError(f"{name} must be a whole number from {smallest} to {largest}, got {value!r}: "
                         f"pass for example {example}")
    return int(value)


def _fill_figure(ax, created: bool) -> None:
    """Let axes of a figure made here fill it, so one data unit is about one inch."""
    if created:
        ax.set_position([0.01, 0.01, 0.98, 0.89])


def _key(ax, x: float, y: float) -> None:
    """Two short sample arrows saying what black and red dashed mean."""
    arrow(ax, (x, y), (x + 0.5, y), FORWARD, shrink=0)
    label(ax, x + 0.6, y, say(FORWARD_KEY), ha="left", fontsize=9)
    arrow(ax, (x + 2.4, y), (x + 1.9, y), GRADIENT, dashed=True, shrink=0)
    label(ax, x + 2.5, y, say(BACKWARD_KEY), ha="left",
          fontsize=9, color=GRADIENT)


def draw_unrolled_rnn(steps: int = 3, ax=None):
    r"""The scalar RNN of lesson 01 unrolled over ``steps`` time steps, forward and backward.

    Bottom row: the inputs $x_1 \dots x_T$ ($T$ = ``steps``), each entering its state through
    $w_{xh}$. Middle row: the hidden states $h_0 \dots h_T$, each computed from the one before
    through $w_{hh}$ (black arrows), and a loss that depends on $h_T$. Above them, red dashed
    arrows go backwards in time from the loss to $h_T$ and on to $h_1$; the arrow from $h_t$ to
    $h_{t-1}$ is labelled with its local factor $w_{hh}(1-h_t^2)$, and the caption spells out
    $\partial h_T / \partial h_1$ as the product of those $T - 1$ factors.

    steps: 2 to 6.   ax: axes to draw on (a new figure of notebook width if None).
    Returns the axes.
    """
    T = _check_count("steps", steps, 2, MAX_STEPS, "draw_unrolled_rnn(steps=3)")
    s = min(1.6, 8.4 / (T + 1))                     # distance between neighbouring states
    state_w, state_h = 0.6, 0.45
    y_h, y_x, y_arc = 1.6, 0.35, 2.42
    x_loss = (T + 1) * s
    right = max(x_loss + 0.6, 6.6)
    created = ax is None
    with canvas(ax, size=(right + 0.9, 3.9), xlim=(-0.6, right), ylim=(-0.85, 2.95),
                title=say(UNROLLED_TITLE, steps=T)) as ax:
        _fill_figure(ax, created)
        for t in range(T + 1):
            box(ax, t * s, y_h, state_symbol(t), _STATE_COLOR, width=state_w, height=state_h,
                fontsize=12)
        box(ax, x_loss, y_h, say(LOSS), _LOSS_COLOR, width=0.75, height=state_h, fontsize=11)
        for t in range(1, T + 1):
            x = t * s
            # forward: h_{t-1} -> h_t through w_hh, and x_t -> h_t through w_xh
            arrow(ax, ((t - 1) * s + state_w / 2 + 0.05, y_h), (x - state_w / 2 - 0.05, y_h),
                  shrink=1)
            label(ax, x - s / 2, y_h - 0.2, "$w_{hh}$", va="top")
            box(ax, x, y_x, input_symbol(t), _INPUT_COLOR, width=0.5, height=0.38, fontsize=11)
            arrow(ax, (x, y_x + 0.24), (x, y_h - state_h / 2 - 0.05), shrink=1)
            label(ax, x + 0.07, (y_x + y_h) / 2 - 0.05, "$w_{xh}$", ha="left")
        arrow(ax, (T * s + state_w / 2 + 0.05, y_h), (x_loss - 0.42, y_h), shrink=1)
        # backward: loss -> h_T, then h_t -> h_{t-1} for t = T ... 2, each with its factor
        top = y_h + state_h / 2 + 0.05
        arrow(ax, (x_loss, top), (T * s, top), GRADIENT, dashed=True, shrink=2, curve=0.5)
        label(ax, (x_loss + T * s) / 2, y_arc, rf"$\partial L/\partial h_{{{T}}}$", color=GRADIENT)
        for t in range(T, 1, -1):
            arrow(ax, (t * s, top), ((t - 1) * s, top), GRADIENT, dashed=True, shrink=2, curve=0.5)
            label(ax, (t - 0.5) * s, y_arc, factor_symbol(t), color=GRADIENT)
        product = r" \cdot ".join(factor_symbol(t).strip("$") for t in range(T, 1, -1))
        label(ax, -0.5, -0.35, rf"$\partial h_{{{T}}}/\partial h_{{1}} = {product}$", ha="left",
              fontsize=11, color=GRADIENT)
        how_many = say(ONE_FACTOR if T == 2 else FACTOR_PRODUCT, count=T - 1, last=state_symbol(T),
                       first=state_symbol(1))
        label(ax, -0.5, -0.7, how_many, ha="left", fontsize=10, color=GRADIENT)
        _key(ax, -0.5, 2.8)
    return ax


def draw_truncated_bptt(windows: int = 3, window_length: int = 4, ax=None):
    r"""Truncated BPTT (lesson 02): a long sequence cut into windows (chunks) of equal length.

    The states $h_0 \dots h_N$ ($N$ = ``windows`` x ``window_length``) run left to right, the
    inputs $x_t$ below them, and a bracket over each window names it and its steps. Inside a
    window the state goes forward (black) and the gradient goes back (red dashed arcs). At each
    boundary the last state of one window is carried forward as the first state of the next
    (the black arrow marked "carried forward"), but the gradient coming back from the next
    window is cut there: its arrow ends at a red bar, "gradient stops here". So no gradient
    goes back more than ``window_length`` steps, while the model reads the sequence without a
    break.

    windows: 1 to 4.   window_length: at least 1, with windows x window_length at most 12.
    ax: axes to draw on (a new figure of notebook width if None). Returns the axes.
    """
    example = "draw_truncated_bptt(windows=3, window_length=4)"
    W = _check_count("windows", windows, 1, MAX_WINDOWS, example)
    L = _check_count("window_length", window_length, 1, MAX_TOTAL_STEPS, example)
    if W * L > MAX_TOTAL_STEPS:
        raise ValueError(f"windows x window_length = {W} x {L} = {W * L} steps do not fit at "
                         f"notebook width: pass at most {MAX_TOTAL_STEPS} steps in all, "
                         f"for example {example}")
    N = W * L
    gap = 0.7 if W > 1 else 0.0                     # extra room at each window boundary
    s = min(1.1, (8.7 - (W - 1) * gap) / N)         # distance between neighbouring states
    state_w = min(0.6, s - 0.22)
    state_h, y_h, y_x, y_bracket = 0.42, 1.45, 0.35, 2.78
    top = y_h + state_h / 2 + 0.05                  # where the gradient arcs leave the states

    def xpos(t: int) -> float:
        return t * s + max(0, (t - 1) // L) * gap

    right = max(xpos(N) + 0.5, 6.6)
    font = 11 if s >= 0.75 else 10
    plural = "s" if L > 1 else ""
    created = ax is None
    with canvas(ax, size=(right + 0.75, 4.3), xlim=(-0.55, right), ylim=(-0.85, 3.45),
                title=say(BPTT_TITLE, windows=W, s="s" if W > 1 else "", length=L, plural=plural)
                ) as ax:
        _fill_figure(ax, created)
        for k in range(W):
            first, last = k * L + 1, (k + 1) * L
            x0, x1 = xpos(first) - state_w / 2, xpos(last) + state_w / 2
            ax.plot([x0, x0, x1, x1], [y_bracket - 0.1, y_bracket, y_bracket, y_bracket - 0.1],
                    color="#7f8c8d", linewidth=1.2)
            steps_text = say(ONE_STEP if L == 1 else STEPS, first=first, last=last)
            label(ax, (x0 + x1) / 2, y_bracket + 0.05,
                  say(WINDOW, number=k + 1) + ("\n" if L < 3 else ": ") + steps_text, fontsize=10,
                  va="bottom")
        for t in range(N + 1):
            box(ax, xpos(t), y_h, state_symbol(t), _STATE_COLOR, width=state_w, height=state_h,
                fontsize=font)
        label(ax, xpos(0), y_h - 0.35, say(BLANK_START), fontsize=9, va="top", color="#555555")
        for t in range(1, N + 1):
            x, xp = xpos(t), xpos(t - 1)
            box(ax, x, y_x, input_symbol(t), _INPUT_COLOR, width=min(0.5, state_w), height=0.34,
                fontsize=font - 1)
            arrow(ax, (x, y_x + 0.22), (x, y_h - state_h / 2 - 0.04), shrink=1)
            arrow(ax, (xp + state_w / 2 + 0.03, y_h), (x - state_w / 2 - 0.03, y_h), shrink=0)
            if t > 1 and (t - 1) % L == 0:          # a boundary: state carried, gradient cut
                mid = (xp + x) / 2
                label(ax, mid, y_h - 0.1, say(CARRIED, state=state_symbol(t - 1)), fontsize=9, va="top")
                arrow(ax, (x, top), (mid + 0.06, top + 0.3), GRADIENT, dashed=True, shrink=1,
                      curve=0.3)
                ax.plot([mid, mid], [top + 0.08, top + 0.52], color=GRADIENT, linewidth=3,
                        solid_capstyle="butt", zorder=4)
                label(ax, mid, top + 0.58, say(GRADIENT_STOPS), fontsize=9, color=GRADIENT,
                      va="bottom")
            elif t > 1:
                arrow(ax, (x, top), (xp, top), GRADIENT, dashed=True, shrink=2, curve=0.5)
        caption = say(WINDOWS_CAPTION if W > 1 else ONE_WINDOW_CAPTION, length=L, plural=plural)
        label(ax, -0.5, -0.5, caption, ha="left", fontsize=10)
        _key(ax, -0.5, 3.35)
    return ax
