"""The English names a lesson's code draws come out in Korean under RNN_COURSE_LANGUAGE=ko, and as
written in English."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from helpers import plotting  # noqa: F401 -- importing it routes figure texts through figure_text
from helpers.figure_text import FIGURE_TEXTS, figure_text
from helpers.language import LANGUAGE_VARIABLE


def _drawn_texts(monkeypatch, chosen: str) -> dict[str, object]:
    monkeypatch.setenv(LANGUAGE_VARIABLE, chosen)
    histories = {"your GRU (70 units)": [3.1, 2.5], "LSTM (58 units)": [3.0, 2.6]}
    fig, ax = plt.subplots()
    for name, values in histories.items():   # the lesson's way: the dictionary's keys name the curves
        ax.plot([1, 2], values, label=name)
    ax.axhline(4.0, label=f"unigram model ({4.0:.1f})")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")           # more English words after a key: drawn as written
    ax.set_title("step")
    ax.legend()
    fig.canvas.draw()
    drawn = {"legend": [text.get_text() for text in ax.get_legend().get_texts()],
             "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(), "title": ax.get_title()}
    plt.close(fig)
    return drawn


def test_a_korean_figure_draws_the_codes_english_names_in_korean(monkeypatch):
    assert _drawn_texts(monkeypatch, "ko") == {
        "legend": ["여러분의 GRU (유닛 70개)", "LSTM (유닛 58개)", "유니그램 모델 (4.0)"],
        "xlabel": "에폭", "ylabel": "training loss", "title": "단계"}


def test_an_english_figure_draws_them_as_written(monkeypatch):
    assert _drawn_texts(monkeypatch, "en") == {
        "legend": ["your GRU (70 units)", "LSTM (58 units)", "unigram model (4.0)"],
        "xlabel": "epoch", "ylabel": "training loss", "title": "step"}


@pytest.mark.parametrize("text, drawn", [
    ("beam 3", "빔 3"),                                   # a key and a number
    ("query x 0.5", "질의 x 0.5"),
    ("year first: '2018/02/23'", "연도 먼저: '2018/02/23'"),   # a key and details after a colon
    ("reversed + peeky", "입력 반전 + 엿보기"),            # the longest key, not "reversed" + the rest
    ("steps", "steps"),                                   # a key's letters inside a longer word
    ("training set", "training set"),                     # a key followed by more words
])
def test_a_key_at_the_start_of_a_text_is_translated_only_before_numbers_or_details(text, drawn):
    assert figure_text(text, "ko") == drawn


def test_every_translation_is_korean():
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in korean) for korean in FIGURE_TEXTS["ko"].values())
