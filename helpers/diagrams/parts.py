"""The pieces every mechanism diagram is drawn from: boxes, round nodes, arrows and labels.

A diagram is drawn on a blank canvas in data coordinates (x to the right, y up), with
matplotlib patches and text only: no image files, no global state, the course style applied
inside ``canvas``. Each piece returns nothing; ``symbols_on`` reads back every text on the
axes, which is what the diagrams' tests compare with the lesson's symbols.

The diagrams' own words come in English or Korean (``helpers.language.say``, chosen when a
diagram is drawn); their symbols are the same in both.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from itertools import combinations

import matplotlib.pyplot as plt
from matplotlib import cbook
from matplotlib.colors import same_color
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Annotation

from ..hangul_font import HANGUL_FONT
from ..plotting import COURSE_STYLE

__all__ = ["FORWARD", "GRADIENT", "HIGHWAY", "canvas", "box", "node", "arrow", "label", "symbols_on", "arrows_on",
           "legibility_problems"]

FORWARD = "black"          # values flowing forward
GRADIENT = "#c0392b"       # gradients flowing backward (red, dashed)
HIGHWAY = "#1f618d"        # a path with no weight matrix on it (the LSTM cell state, a residual)

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@contextmanager
def canvas(ax, *, size: tuple[float, float], xlim: tuple[float, float], ylim: tuple[float, float],
           title: str):
    """Yield blank axes (``ax`` or a new figure of ``size`` inches) spanning xlim x ylim."""
    with plt.style.context(COURSE_STYLE):
        if ax is None:
            _, ax = plt.subplots(figsize=size)
        yield ax
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_axis_off()
        ax.set_title(title)
        for text in [ax.title, *ax.texts]:
            _hangul_beside_math(text)


def _hangul_beside_math(text) -> None:
    """Let a text that mixes Hangul with $math$ draw its Hangul.

    matplotlib draws such a text with mathtext, which takes the words outside $...$ from one
    font file, the first of the text's families (DejaVu Sans, without Hangul), with no fallback;
    so such a text gets NanumGothic first, and, as mathtext spaces its lines by that font's
    shorter letters, a fifth more space between its lines (else they touch). Every other text
    is left as it is, so English diagrams draw exactly as before.
    """
    content = text.get_text()
    if _HANGUL.search(content) and cbook.is_math_text(content):
        text.set_fontfamily([HANGUL_FONT, *text.get_fontfamily()])
        spacing = text.get_linespacing()         # "normal" (1.2 lines) unless a number was set
        text.set_linespacing(1.2 * (spacing if isinstance(spacing, (int, float)) else 1.2))


def box(ax, x: float, y: float, text: str, color: str = "#eeeeee", *, width: float = 0.9,
        height: float = 0.5, fontsize: float = 11, edgecolor: str = "black") -> None:
    """A rounded box centred at (x, y) with ``text`` in it."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", facecolor=color, edgecolor=edgecolor, zorder=2))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3)


def node(ax, x: float, y: float, symbol: str, *, radius: float = 0.22, fontsize: float = 13) -> None:
    """A small circle with an operator in it (×, +, 1−)."""
    ax.add_patch(plt.Circle((x, y), radius, facecolor="white", edgecolor="black", zorder=3))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax, start: tuple[float, float], end: tuple[float, float], color: str = FORWARD, *,
          dashed: bool = False, width: float = 1.4, shrink: float = 10, shrink_start: float | None = None,
          curve: float = 0.0) -> None:
    """An arrow from ``start`` to ``end``, ``shrink`` points short of ``end`` (and of ``start``,
    unless ``shrink_start`` says otherwise); ``curve`` bends it (radians of arc, signed)."""
    ax.annotate("", xy=end, xytext=start, zorder=1,
                arrowprops=dict(arrowstyle="-|>", color=color, linewidth=width,
                                shrinkA=shrink if shrink_start is None else shrink_start, shrinkB=shrink,
                                linestyle="--" if dashed else "-",
                                connectionstyle=f"arc3,rad={curve}"))


def label(ax, x: float, y: float, text: str, *, color: str = "black", fontsize: float = 10,
          ha: str = "center", va: str = "center") -> None:
    """Free text at (x, y), e.g. a symbol beside an arrow."""
    ax.text(x, y, text, color=color, fontsize=fontsize, ha=ha, va=va, zorder=4)


def symbols_on(ax) -> str:
    """Every text drawn on ``ax`` (its title first), joined by newlines; arrows (empty texts) left out."""
    return "\n".join([ax.get_title(), *(text.get_text() for text in ax.texts if text.get_text())])


def arrows_on(ax, color: str | None = None) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """(start, end) of every arrow on ``ax`` (of ``color``, if given), tail to head."""
    return [(text.xyann, text.xy) for text in ax.texts
            if isinstance(text, Annotation) and not text.get_text()
            and (color is None or same_color(text.arrowprops.get("color", FORWARD), color))]


def legibility_problems(ax, min_fontsize: float = 9) -> list[str]:
    """What would make the diagram hard to read: small type, texts cut off by the figure's edge,
    texts on top of each other. An empty list when there is nothing to fix."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [text for text in [ax.title, *ax.texts] if text.get_text().strip()]
    problems = [f"{text.get_text()!r} is set in {text.get_fontsize()} pt" for text in texts
                if text.get_fontsize() < min_fontsize]
    extents = {text: text.get_window_extent(renderer) for text in texts}
    page = figure.bbox
    problems += [f"{text.get_text()!r} is cut off by the figure's edge" for text, e in extents.items()
                 if not (page.x0 <= e.x0 and e.x1 <= page.x1 and page.y0 <= e.y0 and e.y1 <= page.y1)]
    problems += [f"{one.get_text()!r} overlaps {other.get_text()!r}"
                 for (one, a), (other, b) in combinations(extents.items(), 2) if a.overlaps(b)]
    return problems
