"""What a training loop measured as it went: the one record every training loop returns.

Used by the character language model's loop (``helpers.charmodel``, lessons 02 and 03) and
the translators' loop (``helpers.translation``, lessons 07 and 08), so a notebook reads
every curve the same way: ``history.heldout_perplexity``, ``history.loss``, ``history.seconds``.
"""

from __future__ import annotations

__all__ = ["TrainingHistory"]


class TrainingHistory:
    """Named series of measurements, the step at which each value was taken, training seconds.

        history = TrainingHistory()
        history.record(1, loss=2.31, heldout_exact_match=0.0)
        history.record(2, loss=1.87)
        history.loss                        # [2.31, 1.87]
        history.steps["loss"]               # [1, 2]
        history.steps["heldout_exact_match"]  # [1]

    A step is whatever the loop counts (optimizer steps for the language model, epochs for
    the translators); series measured at different moments keep their own steps, so a
    curve is always plotted as ``(history.steps[name], getattr(history, name))``. What
    ``seconds`` includes is said by the loop that fills it.
    """

    def __init__(self):
        self.values: dict[str, list[float]] = {}
        self.steps: dict[str, list[int]] = {}
        self.seconds: float = 0.0

    def record(self, step: int, **measurements: float) -> None:
        """Append each measurement (as a float) to its series, with ``step`` beside it."""
        for name, value in measurements.items():
            if name in vars(self) or hasattr(type(self), name):
                raise ValueError(f"{name!r} is a TrainingHistory attribute; give the measurement another name")
            self.values.setdefault(name, []).append(float(value))
            self.steps.setdefault(name, []).append(int(step))

    def __getattr__(self, name: str) -> list[float]:
        # Only reached when ordinary lookup fails: a series read by its name. vars() rather
        # than self.values, which would recurse before __init__ has run (copy, pickle).
        values = vars(self).get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(f"this history recorded {sorted(values) or 'nothing'}, not {name!r}")

    def __dir__(self):
        return [*super().__dir__(), *vars(self).get("values", {})]

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}: {len(values)} values" for name, values in self.values.items())
        return f"TrainingHistory({counts}; {self.seconds:.1f} s)"
