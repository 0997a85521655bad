"""Sentences of a lesson that the notebook checks on the machine it runs on.

A lesson's text says things about results ("the LSTM's gradient 50 steps back is larger",
"the nearest neighbours of *file* are about files"). Where such a result depends on the
machine (the Python version whose standard library is the corpus, the torch version, the
thread count), the notebook states the shape of the result in prose and checks it right after
the cell that computed it:

    claim(lstm_norms[50] > rnn_norms[50], "the LSTM's gradient 50 steps back is larger than the RNN's")

A claim that fails raises ``ClaimFailed`` with the sentence, loudly, so a sentence that stopped
being true on some machine cannot go unnoticed. Claims are never graded. A claim about a model
trained at full length passes ``after_full_training=True``: under the test suite's quick-run
switch (``helpers.settings``) the model trained for a few steps only, so it is not checked.
"""

from __future__ import annotations

from .language import say
from .settings import quick_run

DOES_NOT_HOLD = {"en": "The lesson says: {sentence!r}, but on this machine it does not hold. Please report it "
                       "(with your Python and torch versions).",
                 "ko": "강의 본문은 {sentence!r}라고 말하지만, 이 컴퓨터에서는 성립하지 않습니다. Python과 torch "
                       "버전을 적어 알려 주세요."}


class ClaimFailed(AssertionError):
    """A sentence of the lesson does not hold on this machine."""


def claim(holds: bool, sentence: str, *, after_full_training: bool = False) -> bool:
    """Check that ``sentence`` (as the lesson's text says it) holds here; raise ClaimFailed if not.

    Returns whether it was checked (False only for a full-training claim under a quick run).
    """
    __tracebackhide__ = True
    if after_full_training and quick_run():
        return False
    if not bool(holds):
        raise ClaimFailed(say(DOES_NOT_HOLD, sentence=sentence))
    return True
