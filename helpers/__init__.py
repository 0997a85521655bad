"""Helpers shared by the rnn-course notebooks.

One module per concern, imported explicitly so nothing happens on import:

- ``helpers.checks``     assertions with messages that tell a learner what to fix
- ``helpers.gradcheck``  numerical gradients and relative errors
- ``helpers.plotting``   the course's figure style and the plots the lessons share
- ``helpers.data``       deterministic data generators (same seed, same data everywhere)
"""
