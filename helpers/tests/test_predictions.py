"""helpers.predictions: ungraded self-checks that say right or wrong and why, and never raise."""

import pytest

from helpers.predictions import check_choice, check_number

CHOICES = ("grows", "shrinks", "stays")


def said(capsys, check, *args, **kwargs) -> str:
    assert check(*args, **kwargs) is None          # nothing for a notebook to show twice
    return capsys.readouterr().out.strip()


def test_a_right_choice_says_so_and_why_ignoring_case_and_spaces(capsys):
    assert said(capsys, check_choice, "my_guess", "  Grows ", CHOICES, "grows", "because |w_hh| > 1.") == \
        "Right. because |w_hh| > 1."


def test_a_wrong_choice_gives_the_answer_and_the_reason(capsys):
    assert said(capsys, check_choice, "my_guess", "stays", CHOICES, "grows", "Why.") == \
        "Not quite: it is 'grows'. Why."


@pytest.mark.parametrize("prediction, start", [
    (None, "No prediction yet: set my_guess above to one of 'grows', 'shrinks', 'stays'"),
    ("maybe", "my_guess = 'maybe' is not one of the choices")])
def test_no_answer_or_an_unknown_one_asks_again_without_raising(capsys, prediction, start):
    assert said(capsys, check_choice, "my_guess", prediction, CHOICES, "grows", "Why.").startswith(start)


def test_the_correct_answer_must_be_a_choice():
    with pytest.raises(ValueError, match="not one of the choices"):
        check_choice("x", "a", CHOICES, "explodes", "")


def test_numbers_are_right_within_the_tolerance_and_wrong_outside_it(capsys):
    assert said(capsys, check_number, "n", 9.5, 9.0, "Two factors of 3.") == "Right: 9. Two factors of 3."
    assert said(capsys, check_number, "n", 8.0, 9.0, "Two.").startswith("Not quite: 9, not 8.")
    assert said(capsys, check_number, "n", 8.0, 9.0, "", relative=0.2).startswith("Right")
    assert said(capsys, check_number, "n", "nine", 9.0, "").startswith("n = 'nine' is not a number")
    assert said(capsys, check_number, "n", float("nan"), 9.0, "").startswith("Not quite")
    assert said(capsys, check_number, "n", None, 9.0, "").startswith("No prediction yet")


def test_answers_read_from_results_that_are_missing_say_the_experiment_has_not_run(capsys):
    results = {}
    assert said(capsys, check_choice, "g", "grows", CHOICES, lambda: results["answer"], "Why.") == \
        "The experiment above has not run to the end yet: run it, then this cell."
    assert said(capsys, check_number, "n", 3.0, lambda: undefined_name, lambda: "Why.").startswith(  # noqa: F821
        "The experiment above has not run")
    results["answer"] = "grows"
    assert said(capsys, check_choice, "g", "grows", CHOICES, lambda: results["answer"],
                lambda: f"measured {len(results)}.") == "Right. measured 1."
