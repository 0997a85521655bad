"""The quick-run switch: short training under the test suite, everything for a learner."""


def test_a_quick_run_shortens_every_epoch_and_a_learner_gets_them_all(monkeypatch):
    from helpers.settings import QUICK_BATCHES_PER_EPOCH, QUICK_RUN_VARIABLE, short_epoch

    batches = list(range(3 * QUICK_BATCHES_PER_EPOCH))
    monkeypatch.delenv(QUICK_RUN_VARIABLE, raising=False)
    assert short_epoch(batches) == batches
    monkeypatch.setenv(QUICK_RUN_VARIABLE, "1")
    assert short_epoch(batches) == batches[:QUICK_BATCHES_PER_EPOCH]
