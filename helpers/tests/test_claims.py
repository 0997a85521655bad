"""helpers.claims: a sentence the notebook checks fails loudly, except full-training claims in a quick run."""

import pytest

from helpers.claims import ClaimFailed, claim
from helpers.settings import QUICK_RUN_VARIABLE


def test_a_claim_that_holds_passes_and_says_it_was_checked(monkeypatch):
    monkeypatch.delenv(QUICK_RUN_VARIABLE, raising=False)
    assert claim(2 > 1, "two is more than one") is True


def test_a_claim_that_does_not_hold_fails_with_its_sentence(monkeypatch):
    monkeypatch.delenv(QUICK_RUN_VARIABLE, raising=False)
    with pytest.raises(ClaimFailed, match="the LSTM remembers longer"):
        claim(False, "the LSTM remembers longer")


def test_a_full_training_claim_is_skipped_only_under_a_quick_run(monkeypatch):
    monkeypatch.setenv(QUICK_RUN_VARIABLE, "1")
    assert claim(False, "trained at full length, it wins", after_full_training=True) is False
    with pytest.raises(ClaimFailed):
        claim(False, "true whatever the training length")
    monkeypatch.delenv(QUICK_RUN_VARIABLE)
    with pytest.raises(ClaimFailed):
        claim(False, "trained at full length, it wins", after_full_training=True)
