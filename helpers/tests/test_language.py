"""The helpers speak Korean under RNN_COURSE_LANGUAGE=ko, English otherwise, with the same facts."""

from __future__ import annotations

import re
import string

import numpy as np
import pytest

from helpers import checks, claims, predictions
from helpers.checks import CheckFailed, assert_close, assert_shape
from helpers.language import LANGUAGE_VARIABLE, language, say
from helpers.predictions import check_choice, check_number

HANGUL = re.compile(r"[\uac00-\ud7a3]")
MESSAGES = [(module.__name__, name, value) for module in (checks, predictions, claims)
            for name, value in vars(module).items() if isinstance(value, dict) and set(value) == {"en", "ko"}]


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_message_has_both_languages():
    assert len(MESSAGES) >= 16, [name for _, name, _ in MESSAGES]


@pytest.mark.parametrize("module, name, texts", MESSAGES, ids=[f"{m}.{n}" for m, n, _ in MESSAGES])
def test_each_translation_says_the_same_values(module, name, texts):
    assert _fields(texts["ko"]) == _fields(texts["en"]), f"{module}.{name}: the two languages name different values"
    assert HANGUL.search(texts["ko"]), f"{module}.{name}: the Korean text is not in Korean"


def test_english_is_the_default(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)
    assert language() == "en"
    monkeypatch.setenv(LANGUAGE_VARIABLE, "fr")
    assert say({"en": "x {a}", "ko": "ㄱ {a}"}, a=1) == "x 1"


@pytest.mark.parametrize("value", ["ko", "ko_KR", "ko-KR.UTF-8", " KO "])
def test_korean_is_chosen_by_the_variable(monkeypatch, value):
    monkeypatch.setenv(LANGUAGE_VARIABLE, value)
    assert language() == "ko"


def test_a_failed_check_in_korean_keeps_the_numbers_and_the_hint(monkeypatch):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    with pytest.raises(CheckFailed) as failure:
        assert_close("h_1", np.array([0.5, 0.8]), np.array([0.5, 0.7]), hint="편향을 더했나요?")
    message = str(failure.value)
    assert message.startswith("h_1: 기댓값과 가깝지 않습니다"), message
    assert "인덱스 (1,)" in message and "0.8" in message and "0.7" in message, message
    assert message.endswith(": 편향을 더했나요?"), message
    with pytest.raises(CheckFailed, match=r"^h: 모양이 \(2,\)인데, 기대한 모양은 \(3,\)입니다"):
        assert_shape("h", np.zeros(2), (3,))


def test_a_prediction_is_judged_in_korean(monkeypatch, capsys):
    monkeypatch.setenv(LANGUAGE_VARIABLE, "ko")
    check_choice("my_prediction", "Larger", ("larger", "smaller"), "larger", why="기울기가 커진다.")
    check_number("my_ratio", 3.0, 2.0, why="두 배다.")
    check_number("my_ratio", None, 2.0, why="")
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["맞습니다. 기울기가 커진다.", "아쉽지만 정답은 2입니다 (예측 3). 두 배다.",
                       "아직 예측이 없습니다: 위의 my_ratio에 숫자 값을 넣고 이 셀을 다시 실행하세요."], printed
