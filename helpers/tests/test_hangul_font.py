"""Korean titles and labels render with real glyphs (no "Glyph ... missing" warning), English is unchanged."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from helpers import plotting  # noqa: F401 -- importing it adds the Hangul font
from helpers.hangul_font import HANGUL_FONT, hangul_font_file, use_hangul_font
from helpers.plotting import COURSE_STYLE, plot_gradient_norms, plot_text_heatmap


def _missing_glyphs(figure) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    plt.close(figure)
    return [str(warning.message) for warning in caught if "missing from" in str(warning.message)]


def test_the_font_file_comes_from_the_pinned_package():
    assert hangul_font_file().is_file()


def test_a_korean_figure_has_every_glyph():
    fig, ax = plt.subplots()
    plot_gradient_norms([1, 2, 3], {"w_hh = 1.5 (기울기 폭발)": [1.0, 1.5, 2.25]},
                        title="하나의 순환 가중치에서 |dh_T/dh_1|", xlabel="시퀀스 길이 T", ylabel="기울기 크기", ax=ax)
    ax.legend(title="순환 가중치")
    fig.suptitle("직접 쓴 제목")      # outside the course style: the fallback is global
    assert _missing_glyphs(fig) == []


def test_a_korean_character_heatmap_has_every_glyph():
    ax = plot_text_heatmap("1994년 9월 27일", np.linspace(0, 1, 12), title="문자별 값")
    assert _missing_glyphs(ax.figure) == []


def test_without_the_fallback_hangul_is_missing(monkeypatch):
    """The check above can fail: with the default fonts alone the same title loses its glyphs."""
    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["sans-serif"])
    fig, ax = plt.subplots()
    ax.set_title("기울기")
    assert len(_missing_glyphs(fig)) == 3


def test_english_text_keeps_the_default_font():
    use_hangul_font()  # idempotent
    assert list(matplotlib.rcParams["font.family"]).count(HANGUL_FONT) == 1
    with plt.style.context(COURSE_STYLE):
        fig, ax = plt.subplots()
        title = ax.set_title("gradient")
        fig.canvas.draw()
        assert matplotlib.font_manager.findfont(title.get_fontproperties()).endswith("DejaVuSans.ttf")
        plt.close(fig)
