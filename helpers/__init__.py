"""Helpers shared by the rnn-course notebooks.

One module per concern, imported explicitly so nothing happens on import:

- ``helpers.checks``             assertions with messages that tell a learner what to fix
- ``helpers.gradcheck``          numerical gradients and relative errors
- ``helpers.plotting``           the course's figure style and the plots the lessons share
- ``helpers.settings``           the test suite's quick-run switch
- ``helpers.lessons``            your own functions from an earlier lesson's notebook

Data, generated from a seed or read from this Python (same data on every machine):

- ``helpers.gradient_examples``  matrices and gradients of known size (lesson 01)
- ``helpers.source_corpus``      the standard library's source as a character corpus (02, 03)
- ``helpers.series``             a periodic series, a random walk and their sliding windows (05)
- ``helpers.token_tasks``        token sequences to classify by order or tag by peaks (05, 09)
- ``helpers.words``              word corpora (standard-library docstrings), vocabularies,
                                 samplers, neighbours (06)
- ``helpers.translation_pairs``  addition and date problems as (question, answer) strings (07, 08)

Models and training:

- ``helpers.text``               character vocabularies, one-hot codes, truncated-BPTT batches
- ``helpers.layers``             output layers and softmax losses the language models share
- ``helpers.optim``              Adam with global-norm clipping, for the numpy models
- ``helpers.charmodel``          the character language model, its training loop, perplexity
- ``helpers.batches``            PyTorch mini-batches in the ``(inputs, targets)`` form, one seeded order
- ``helpers.translation``        translation pairs as tensors, exact match, the translators' training loop
- ``helpers.standins``           a stand-in encoder and decoder that tests run a learner's wiring on
- ``helpers.beam_search_standins`` a stand-in decoder whose logits come from a table of prefixes (beam search tests)
- ``helpers.reference_layers``   lesson 03's LSTM computed by torch autograd (lesson 04's comparison)
- ``helpers.history``            what every training loop returns: named curves and training seconds

The learner's language (the Korean edition sets RNN_COURSE_LANGUAGE=ko):

- ``helpers.language``           which language the helpers' messages and labels speak
- ``helpers.hangul_font``        a font with Hangul for every figure
- ``helpers.figure_text``        the English names the lessons' code draws, in the learner's language
"""
