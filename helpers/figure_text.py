"""The words a lesson's code draws in its figures, in the learner's language.

A lesson names its curves, bars and panels with strings its code also uses as values: dictionary
keys ("your GRU (70 units)", "reversed + peeky"), one-word axis labels ("epoch"), titles built
from a key and a number ("unigram model (23.3)"). The Korean edition runs the English code
unchanged, so these strings cannot be translated in the code; they are translated where
matplotlib sets them. ``show_figure_texts_in_language`` routes every text matplotlib sets
(titles, axis and tick labels, legend entries, annotations) through ``figure_text``:

- a text that is a key of ``FIGURE_TEXTS`` is drawn translated;
- a text that starts with a key followed by a space or a punctuation mark keeps the rest as it is
  ("unigram model (23.3)" becomes "유니그램 모델 (23.3)");
- every other text, and every text in English, is drawn exactly as written.

    >>> figure_text("unigram model (23.3)", "ko")
    '유니그램 모델 (23.3)'
    >>> figure_text("unigram model (23.3)", "en")
    'unigram model (23.3)'
"""

from __future__ import annotations

import re

from matplotlib.text import Text

from .language import language

# English text as the code writes it -> its Korean, for every figure of the course. A key must
# appear in a lesson's code (autograder/tests/test_translations.py checks it, so none goes stale).
FIGURE_TEXTS = {
    "ko": {
        # 02-04: language models
        "probability": "확률",
        "your GRU (70 units)": "여러분의 GRU (유닛 70개)",
        "LSTM (58 units)": "LSTM (유닛 58개)",
        "unigram model": "유니그램 모델",
        # 05: sequence tasks
        "training": "학습",
        "epoch": "에폭",
        "step": "단계",
        "price": "가격",
        "cross-entropy": "교차 엔트로피",
        "many-to-one": "다대일",
        "many-to-many": "다대다",
        "bag of tokens": "토큰 가방",
        # 06: word vectors
        "untrained": "학습 전",
        # 07: seq2seq
        "baseline": "기준 모델",
        "reversed": "입력 반전",
        "reversed + peeky": "입력 반전 + 엿보기",
        "greedy": "탐욕적 디코딩",
        "beam": "빔",
        "decoding": "디코딩",
        # 08: attention
        "query": "질의",
        "weekday, month name": "요일, 월 이름",
        "day/month/2-digit year": "일/월/두 자리 연도",
        "year first": "연도 먼저",
        "day-month abbreviation-year": "일-월 약자-연도",
        "attention (this lesson)": "어텐션 (이번 강의)",
        "lesson 07 (reversed input, peeky)": "07강 (입력 반전, 엿보기)",
        # 09: beyond
        "sequence": "시퀀스",
        "position t": "위치 t",
        "value": "값",
        "block": "블록",
        "length": "길이",
        "chance": "우연 수준",
        "attention": "어텐션",
        "attention + positions": "어텐션 + 위치",
        "causal attention": "인과적 어텐션",
        "scaled by 1/sqrt(d_k) (yours)": "1/sqrt(d_k)로 나눔 (여러분의 것)",
        "not scaled": "나누지 않음",
        "plain": "잔차 없음",
        "residual": "잔차",
    },
}

# What may follow a key at the start of a longer text: details after a colon, a comma or a
# bracket ("year first: '2018/02/23'", "unigram model (23.3)"), or numbers ("beam 3",
# "query x 0.5"); never more words ("training loss" is not "training" + a number).
_REST = re.compile(r"[:,(].*|\s\(.*|\s[^A-Za-z]*(?:x\s[^A-Za-z]*)?", re.DOTALL)


def figure_text(text: str, in_language: str | None = None) -> str:
    """``text`` as a figure in ``in_language`` (the learner's, by default) shows it."""
    table = FIGURE_TEXTS.get(in_language or language(), {})
    if not table or not isinstance(text, str):
        return text
    if text in table:
        return table[text]
    for key in sorted(table, key=len, reverse=True):  # the longest key first: "reversed + peeky"
        if text.startswith(key) and _REST.fullmatch(text, len(key)):
            return table[key] + text[len(key):]
    return text


def show_figure_texts_in_language() -> None:
    """Make matplotlib set every text through ``figure_text`` (idempotent; English unchanged)."""
    if getattr(Text.set_text, "translates_figure_texts", False):
        return
    set_text = Text.set_text

    def set_text_in_language(self, s):
        return set_text(self, figure_text(s))

    set_text_in_language.translates_figure_texts = True
    set_text_in_language.__doc__ = set_text.__doc__
    Text.set_text = set_text_in_language
