"""Helpers shared by the rnn-course notebooks.

One module per concern, imported explicitly so nothing happens on import:

- ``helpers.checks``     assertions with messages that tell a learner what to fix
- ``helpers.gradcheck``  numerical gradients and relative errors
- ``helpers.plotting``   the course's figure style and the plots the lessons share
- ``helpers.data``       deterministic data generators (same seed, same data everywhere)
- ``helpers.text``       character vocabularies, one-hot codes, truncated-BPTT batches
- ``helpers.layers``     output layers and softmax losses the language models share
- ``helpers.optim``      Adam with global-norm clipping, for the numpy models
- ``helpers.charmodel``  the character language model's training loop and perplexity
- ``helpers.batches``    PyTorch mini-batches in the ``(inputs, targets)`` form of ``fit``
- ``helpers.lessons``    your own functions from an earlier lesson's notebook
- ``helpers.words``      word corpora (standard-library docstrings), vocabularies, samplers, neighbours
- ``helpers.settings``   the test suite's quick-run switch
"""
