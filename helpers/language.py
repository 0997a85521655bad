"""The language the helpers speak to a learner: English, or Korean for the Korean edition.

The Korean notebooks (``notebooks-ko/``) run the same code as the English ones; only the text a
helper prints or raises changes. ``RNN_COURSE_LANGUAGE=ko`` selects Korean: ``make lab LANG=ko``
and the Korean learner bundle set it, and the autograder sets it when it grades a Korean
submission, so the feedback speaks the learner's language.

    >>> say({"en": "{name} is None", "ko": "{name}: None입니다"}, name="h")   # English by default
    'h is None'
"""

from __future__ import annotations

import os

LANGUAGE_VARIABLE = "RNN_COURSE_LANGUAGE"
LANGUAGES = ("en", "ko")


def language() -> str:
    """"ko" when RNN_COURSE_LANGUAGE starts with "ko" (ko, ko_KR, ko-KR.UTF-8), else "en"."""
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return "ko" if chosen.startswith("ko") else "en"


def say(texts: dict[str, str], **values) -> str:
    """One of ``texts`` (by language, English when the language has none), formatted with ``values``."""
    return texts.get(language(), texts["en"]).format(**values)
