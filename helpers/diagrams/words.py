"""Lesson 06's two word2vec models over one sentence: CBOW above, skip-gram below.

Both panels show the same sentence with the window of m words on each side of the centre
word c highlighted. CBOW averages the input vectors v of the context words o_j (rows of
W_in) into h and scores the centre word's output vector u_c (a row of W_out); skip-gram
takes h = v_c and scores the output vector u_o of every context word. The labels are the
lesson's symbols, so the code under the figure reads with the figure's names.
"""

from __future__ import annotations

import operator

from ..language import say
from .parts import HIGHWAY, arrow, box, canvas, label

__all__ = ["draw_skipgram_and_cbow", "MAX_WORDS"]

MAX_WORDS = 9                # more words than this do not fit legibly at notebook width

_CENTRE = "#fde2c8"          # the centre word c
_CONTEXT = "#d6eaf8"         # the context words o_j
_OUTSIDE = "#f4f4f4"         # words of the sentence outside the window
_WINDOW = "#fcf3cf"          # the window behind the words
_WINDOW_EDGE = "#d4ac0d"
_WINDOW_TEXT = "#7d6608"
_PREDICTED = "#d5f5e3"       # the word(s) the model scores with W_out
_HIDDEN = "#eeeeee"

_SPACING = 1.25              # data units between the centres of two words
_NAMES_INCHES = 2.1          # the layer names on the left of the words take this much width
_UNITS_PER_INCH = 1.4        # the scale of a new figure, or finer if the sentence is long
_AXES_SHARE = (0.775, 0.77)  # matplotlib's default share of the figure that the axes take
_TOP_PANEL, _BOTTOM_PANEL = 4.75, 0.0   # the y of each panel's sentence row

# The diagram's words in English and Korean (helpers.language.say picks one when it is drawn);
# the lesson's symbols come in as values and stay as they are.
WINDOW_NOTE = {"en": "window: {m} words on each side of {c}{edge}", "ko": "윈도우: {c} 양쪽으로 {m} 단어{edge}"}
CUT = {"en": ", cut where the sentence {where}s", "ko": ", 문장 {where}에서 잘림"}
SENTENCE_START = {"en": "start", "ko": "처음"}
SENTENCE_END = {"en": "end", "ko": "끝"}
AND = {"en": " and ", "ko": "과 "}
INPUT_LAYER = {"en": "input: {v} = rows\nof {W}", "ko": "입력: {v} =\n{W}의 행"}
HIDDEN_LAYER = {"en": "hidden: {h}", "ko": "은닉: {h}"}
CBOW_OUTPUT = {"en": "output: {score}\n{u} = rows of {W}", "ko": "출력: {score}\n{u} = {W}의 행"}
SKIPGRAM_OUTPUT = {"en": "output: {score}\none pair {pair} at a time", "ko": "출력: {score}\n한 번에 한 쌍 {pair}"}
TITLE = {"en": "Word2vec over one sentence, window {m}: CBOW and skip-gram",
         "ko": "문장 하나에 대한 word2vec, 윈도우 {m}: CBOW와 skip-gram"}
CBOW_HEADING = {"en": "CBOW: the averaged context words predict the centre word",
                "ko": "CBOW: 맥락 단어들의 평균으로 중심 단어를 예측한다"}
SKIPGRAM_HEADING = {"en": "skip-gram: the centre word predicts each context word",
                    "ko": "skip-gram: 중심 단어로 맥락 단어를 하나씩 예측한다"}
NEGATIVES_NOTE = {"en": "Both output layers also push {score} towards 0 for {K} negative words {sample}.",
                  "ko": "두 출력 계층은 {K}개의 네거티브 단어 {sample}에 대해서도 {score}를 0 쪽으로 낮춘다."}


def _checked(sentence, centre, window) -> tuple[list[str], int, int]:
    """The arguments as (words, centre, window), or a ValueError that says what is wrong."""
    if isinstance(sentence, str):
        raise ValueError(f"sentence must be a sequence of words such as ('the', 'cat', 'sat'), "
                         f"not one string {sentence!r}: split it first")
    words = [str(word) for word in sentence]
    if not words:
        raise ValueError("sentence is empty: give at least two words")
    if len(words) > MAX_WORDS:
        raise ValueError(f"sentence has {len(words)} words; at most {MAX_WORDS} fit legibly: "
                         f"cut it around the centre word")
    try:
        centre, window = operator.index(centre), operator.index(window)
    except TypeError:
        raise ValueError(f"centre and window must be whole numbers, got centre={centre!r}, "
                         f"window={window!r}") from None
    if not 0 <= centre < len(words):
        raise ValueError(f"centre={centre} is outside the sentence: it has {len(words)} words, so the "
                         f"centre position must be 0 to {len(words) - 1}")
    if window < 1:
        raise ValueError(f"window m={window}: the window holds m >= 1 words on each side of the centre")
    if len(words) == 1:
        raise ValueError("a one-word sentence has no context words: give at least two words")
    return words, centre, window


def _word_box(ax, x, y, word, color):
    width = max(0.75, 0.15 * len(word) + 0.35)
    box(ax, x, y, word, color, width=min(width, _SPACING - 0.2), height=0.46, fontsize=11)


def _on_the_right(centre, words) -> bool:
    """Whether the centre word is in the right half, so that its notes go on its left."""
    return centre > (len(words) - 1) / 2


def _sentence_row(ax, words, centre, context, window, y0, left):
    """The sentence with its window highlighted; c and o_j written under the words."""
    xs = [left + i * _SPACING for i in range(len(words))]
    first, last = min(context + [centre]), max(context + [centre])
    box(ax, (xs[first] + xs[last]) / 2, y0 - 0.17, "", _WINDOW, width=xs[last] - xs[first] + _SPACING - 0.1,
        height=0.95, edgecolor=_WINDOW_EDGE)
    cut = [say(end) for end, short in ((SENTENCE_START, centre - window < 0),
                                       (SENTENCE_END, centre + window >= len(words))) if short]
    edge = say(CUT, where=say(AND).join(cut)) if cut else ""
    text = say(WINDOW_NOTE, m=f"$m = {window}$", c="$c$", edge=edge)
    if _on_the_right(centre, words):     # write towards the side where the sentence has room
        label(ax, xs[last] + _SPACING / 2 - 0.05, y0 - 0.82, text, fontsize=9, ha="right", color=_WINDOW_TEXT)
    else:
        label(ax, xs[first] - _SPACING / 2 + 0.05, y0 - 0.82, text, fontsize=9, ha="left", color=_WINDOW_TEXT)
    for i, (x, word) in enumerate(zip(xs, words)):
        if i == centre:
            _word_box(ax, x, y0, word, _CENTRE)
            label(ax, x, y0 - 0.45, "$c$", fontsize=11)
        elif i in context:
            _word_box(ax, x, y0, word, _CONTEXT)
            label(ax, x, y0 - 0.45, f"$o_{{{context.index(i) + 1}}}$", fontsize=11)
        else:
            _word_box(ax, x, y0, word, _OUTSIDE)
    return xs


def _layer_names(ax, y0, output):
    """The names of the three layers, on the left of a panel."""
    label(ax, 0.0, y0, say(INPUT_LAYER, v="$\\mathbf{v}$", W="$W_{\\mathrm{in}}$"), fontsize=10, ha="left")
    label(ax, 0.0, y0 + 1.3, say(HIDDEN_LAYER, h="$\\mathbf{h}$"), fontsize=10, ha="left")
    label(ax, 0.0, y0 + 2.45, output, fontsize=10, ha="left")


def draw_skipgram_and_cbow(sentence=("the", "cat", "sat", "on", "the", "mat"), centre=2, window=2, ax=None):
    """CBOW (top) and skip-gram (bottom) on one sentence, in lesson 06's symbols.

    sentence: 2 to MAX_WORDS words.   centre: the position (from 0) of the centre word c.
    window: m >= 1, the number of context words o_j taken on each side of c (fewer where the
    sentence ends). CBOW's arrows run from the context words into their mean
    h = (1/2m) sum_j v_{o_j} and on to the centre word, scored against u_c; skip-gram's run
    from the centre word (h = v_c) out to every context word, each scored against its u_o.
    Both output layers also push down K negatives n_k ~ P_n(w), as a note says.
    Raises ValueError for a centre outside the sentence, a window < 1, an empty or too long
    sentence. Returns the axes.
    """
    words, centre, window = _checked(sentence, centre, window)
    context = [i for i in range(centre - window, centre + window + 1) if i != centre and 0 <= i < len(words)]
    n = len(context)
    mean = (r"$\mathbf{h} = \frac{1}{2m}\sum_{j=1}^{2m} \mathbf{v}_{o_j}$" if n == 2 * window
            else rf"$\mathbf{{h}} = \frac{{1}}{{{n}}}\sum_{{j=1}}^{{{n}}} \mathbf{{v}}_{{o_j}}$")
    # the names on the left are text (inches); the words are boxes (data units): one scale for both
    row = (len(words) - 1) * _SPACING + 0.7 + 0.55
    scale = max(_UNITS_PER_INCH, row / (9.6 - _NAMES_INCHES))
    left = _NAMES_INCHES * scale + 0.55
    width = max(left + row - 0.55, 6.0 * scale)       # at least the width of the note at the bottom
    bottom, top = -1.55, 8.2
    title = say(TITLE, m=f"$m = {window}$")

    size = ((width + 0.1) / scale / _AXES_SHARE[0], (top - bottom) / scale / _AXES_SHARE[1])
    with canvas(ax, size=size, xlim=(-0.1, width), ylim=(bottom, top), title=title) as ax:
        # CBOW: the context words flow in, their mean predicts the centre word
        y0 = _TOP_PANEL
        label(ax, 0.0, y0 + 3.15, say(CBOW_HEADING), fontsize=11, ha="left", va="bottom")
        _layer_names(ax, y0, say(CBOW_OUTPUT, score=r"$\sigma(\mathbf{h}^\top \mathbf{u}_c)$", u=r"$\mathbf{u}$",
                                 W=r"$W_{\mathrm{out}}$"))
        xs = _sentence_row(ax, words, centre, context, window, y0, left)
        xc = xs[centre]
        box(ax, xc, y0 + 1.3, r"$\mathbf{h}$", _HIDDEN, width=0.5, height=0.42, fontsize=12)
        for i in context:
            arrow(ax, (xs[i], y0 + 0.25), (xc, y0 + 1.1), shrink=6)
        side = -1 if _on_the_right(centre, words) else 1
        label(ax, xc + side * 0.42, y0 + 1.42, mean, fontsize=11, ha="left" if side > 0 else "right",
              va="bottom")
        _word_box(ax, xc, y0 + 2.45, words[centre], _PREDICTED)
        arrow(ax, (xc, y0 + 1.5), (xc, y0 + 2.2), shrink=4)

        # skip-gram: the centre word flows out, it predicts each context word in turn
        y0 = _BOTTOM_PANEL
        label(ax, 0.0, y0 + 3.15, say(SKIPGRAM_HEADING), fontsize=11, ha="left", va="bottom")
        _layer_names(ax, y0, say(SKIPGRAM_OUTPUT, score=r"$\sigma(\mathbf{h}^\top \mathbf{u}_o)$", pair="$(c, o)$"))
        _sentence_row(ax, words, centre, context, window, y0, left)
        box(ax, xc, y0 + 1.3, r"$\mathbf{h}$", _HIDDEN, width=0.5, height=0.42, fontsize=12)
        arrow(ax, (xc, y0 + 0.25), (xc, y0 + 1.1), shrink=4)
        label(ax, xc + side * 0.15, y0 + 0.72, r"$\mathbf{h} = \mathbf{v}_c$", fontsize=11,
              ha="left" if side > 0 else "right")
        for i in context:
            _word_box(ax, xs[i], y0 + 2.45, words[i], _PREDICTED)
            arrow(ax, (xc, y0 + 1.5), (xs[i], y0 + 2.2), shrink=4)

        # what the two share: negative sampling on the output side
        label(ax, 0.0, -1.4, say(NEGATIVES_NOTE, score=r"$\sigma(\mathbf{h}^\top \mathbf{u}_{n_k})$", K="$K$",
                                 sample=r"$n_k \sim P_n(w) \propto \mathrm{count}(w)^{0.75}$"),
              fontsize=10, ha="left", color=HIGHWAY)
    return ax
