"""A font with Hangul for every figure, so the Korean edition's titles and labels render.

matplotlib's default font (DejaVu Sans) has no Korean glyphs: a Korean title would come out as
empty boxes, with a "Glyph ... missing from font(s)" warning per character. The course pins
``koreanize-matplotlib``, which ships the NanumGothic font (SIL Open Font License); only its
font file is used, and its module is never imported (it imports ``distutils``, gone in Python
3.12). ``use_hangul_font`` registers the file with matplotlib and puts NanumGothic after the
default families, so a character the default font lacks is drawn from NanumGothic (matplotlib
3.6 and later fall back glyph by glyph): English text renders exactly as before.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_PACKAGE = "koreanize_matplotlib"
HANGUL_FONT = "NanumGothic"


def hangul_font_file() -> Path:
    """The NanumGothic file of the pinned font package (found without importing the package)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the course's Hangul font comes from the package {FONT_PACKAGE.replace('_', '-')}: "
                                  "run `make setup` (or pip install -r requirements.txt)")
    return Path(spec.submodule_search_locations[0]) / "fonts" / f"{HANGUL_FONT}.ttf"


def with_hangul(family: str) -> list[str]:
    """A font.family list: ``family`` first, NanumGothic for the glyphs it lacks."""
    return [family, HANGUL_FONT]


def use_hangul_font() -> None:
    """Register NanumGothic and add it after the default families (idempotent)."""
    if HANGUL_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(hangul_font_file()))
    families = list(matplotlib.rcParams["font.family"])
    if HANGUL_FONT not in families:
        matplotlib.rcParams["font.family"] = [*families, HANGUL_FONT]
