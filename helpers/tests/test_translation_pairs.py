"""helpers.translation_pairs: addition and date problems, the train / held-out split."""

import datetime

import pytest

from helpers.translation_pairs import (
    ADDITION_ANSWER_WIDTH,
    ADDITION_QUESTION_WIDTH,
    DATE_FORMATS,
    DATE_QUESTION_WIDTH,
    _format_date,
    addition_problems,
    date_problems,
    split_pairs,
)


def test_addition_problems_are_correct_padded_distinct_and_seeded():
    problems = addition_problems(2000, seed=3)
    assert problems == addition_problems(2000, seed=3) and problems != addition_problems(2000, seed=4)
    assert len({question for question, _ in problems}) == 2000
    for question, answer in problems:
        assert len(question) == ADDITION_QUESTION_WIDTH and len(answer) == ADDITION_ANSWER_WIDTH
        a, b = question.strip().split("+")
        assert int(a) + int(b) == int(answer)
        assert 0 <= int(a) <= 999 and 0 <= int(b) <= 999
    assert max(len(q.split("+")[0]) for q, _ in problems) == 3
    with pytest.raises(ValueError):
        addition_problems(5, max_value=1000)
    with pytest.raises(ValueError):
        addition_problems(101, max_value=9)


def test_date_problems_are_padded_distinct_seeded_and_in_range():
    problems = date_problems(3000, seed=1)
    assert problems == date_problems(3000, seed=1) and problems != date_problems(3000, seed=2)
    assert len({question for question, _ in problems}) == 3000
    for question, answer in problems:
        assert len(question) == DATE_QUESTION_WIDTH
        day = datetime.date.fromisoformat(answer)
        assert datetime.date(1970, 1, 1) <= day <= datetime.date(2029, 12, 31)
        assert str(day.year % 100).zfill(2) in question


def test_every_format_writes_the_known_example():
    day = datetime.date(1994, 9, 27)    # a Tuesday
    written = [_format_date(day, pattern) for pattern in DATE_FORMATS]
    assert written == ["September 27, 1994", "Sep 27, 1994", "27 September 1994", "27 Sep 1994",
                       "27/9/94", "27/09/1994", "27.09.1994", "Tuesday, September 27, 1994",
                       "Tue, Sep 27 1994", "27-Sep-1994", "1994/09/27", "september 27 1994",
                       "1994년 9월 27일", "94.9.27"]
    assert _format_date(datetime.date(2005, 3, 4), "{day}/{month}/%y") == "4/3/05"
    questions = {q.strip() for q, _ in date_problems(2000, seed=2)}
    assert any(q.startswith(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")) for q in questions)
    assert any(q[:1].islower() for q in questions)
    assert any("년" in q for q in questions)


def test_no_written_date_stands_for_two_days():
    """Every format, every day of 1970..2029: one string, one date (94.9.27 is not 27.09.1994)."""
    first, day, meaning = datetime.date(1970, 1, 1), datetime.timedelta(days=1), {}
    for offset in range(21915):
        date = first + offset * day
        for pattern in DATE_FORMATS:
            written = _format_date(date, pattern)
            assert meaning.setdefault(written, date) == date, (written, meaning[written], date)


def test_split_pairs_holds_out_the_last_pairs():
    train, heldout = split_pairs(list(range(10)), 3)
    assert train == list(range(7)) and heldout == [7, 8, 9]
    with pytest.raises(ValueError):
        split_pairs([1, 2], 2)


def test_the_same_seed_gives_the_problems_it_always_gave():
    # Values recorded when the generators moved into modules of their own (addition) and when the
    # dates gained their two Korean formats: lessons 07 and 08 train on exactly these.
    assert addition_problems(10, seed=1)[:3] == [("311+831", "1142"), ("473+184", "657 "), ("822+941", "1763")]
    assert [(q.rstrip(), a) for q, a in date_problems(3, seed=8)] == [
        ("17 April 2006", "2006-04-17"), ("89.8.26", "1989-08-26"), ("21/02/1972", "1972-02-21")]
