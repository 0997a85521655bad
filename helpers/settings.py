"""The one switch the test suite may flip: a short run of the training cells.

Set ``RNN_COURSE_QUICK=1`` and notebooks train for a few steps instead of their full
length, so the grading proof can run every notebook many times. Graded cells never read
it; the benchmark (``make bench``) always clears it.
"""

import os

QUICK_RUN_VARIABLE = "RNN_COURSE_QUICK"


def quick_run() -> bool:
    """True when the training cells should run short (tests), False for a learner."""
    return os.environ.get(QUICK_RUN_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


def steps(full: int, quick: int) -> int:
    """``full`` for a learner, ``quick`` under the test suite's quick-run switch."""
    return quick if quick_run() else full


# Under the quick-run switch a training loop over a whole data set stops each epoch after this
# many batches: the cells still run every line (shapes, the loop, the held-out evaluation), in
# seconds instead of minutes.
QUICK_BATCHES_PER_EPOCH = 12


def short_epoch(batches: list) -> list:
    """All of ``batches`` for a learner; the first few under the quick-run switch."""
    return batches[:QUICK_BATCHES_PER_EPOCH] if quick_run() else batches
