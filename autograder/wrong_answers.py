"""Deliberately wrong implementations, per lesson, built from the solution by small edits.

The grading proof autogrades each one and checks that it loses exactly the points of the
exercises in ``loses`` and no others. A new lesson adds its lines here.
``HARMLESS_CHANGES`` are correct answers with a twist (a warning on stderr) that must keep
every point.
"""

from __future__ import annotations

from .submissions import SourceEdit

WRONG_ANSWERS: dict[str, list[SourceEdit]] = {
    "01_rnn_gradients": [
        SourceEdit(
            name="forward_returns_previous_states",
            exercise="scalar_rnn_forward",
            old="        h = np.tanh(w_xh * x + w_hh * h + b)\n        hs[t] = h",
            new="        hs[t] = h\n        h = np.tanh(w_xh * x + w_hh * h + b)",
            loses=("scalar_rnn_forward",),
            why="off-by-one in time: stores h_0 ... h_(T-1) instead of h_1 ... h_T",
        ),
        SourceEdit(
            name="chain_rule_sign_error",
            exercise="scalar_rnn_grad",
            old="w_hh * (1.0 - h ** 2)",
            new="w_hh * (h ** 2 - 1.0)",
            loses=("scalar_rnn_grad",),
            why="the derivative of tanh written with the wrong sign",
        ),
        SourceEdit(
            name="chain_rule_starts_at_first_step",
            exercise="scalar_rnn_grad",
            old="for h in hs[1:]:",
            new="for h in hs:",
            loses=("scalar_rnn_grad",),
            why="off-by-one in time: includes a factor for t = 1",
        ),
        SourceEdit(
            name="clips_each_gradient_separately",
            exercise="clip_by_global_norm",
            old="clipped = [np.asarray(g, dtype=float) * scale for g in grads]",
            new=("clipped = [np.asarray(g, dtype=float) * (max_norm / max(np.linalg.norm(g), max_norm))"
                 " for g in grads]"),
            loses=("clip_by_global_norm",),
            why="clips every array by its own norm, which changes the update's direction",
        ),
        SourceEdit(
            name="global_norm_without_square_root",
            exercise="clip_by_global_norm",
            old="float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))",
            new="float(sum(np.sum(np.square(g)) for g in grads))",
            loses=("clip_by_global_norm",),
            why="uses the squared norm as the norm",
        ),
    ],
}

HARMLESS_CHANGES: dict[str, list[SourceEdit]] = {
    "01_rnn_gradients": [
        SourceEdit(
            name="correct_but_warns",
            exercise="scalar_rnn_forward",
            old="    hs = np.zeros(len(xs))",
            new=("    np.exp(np.float64(1000.0))  # overflows: a RuntimeWarning on stderr\n"
                 "    hs = np.zeros(len(xs))"),
            loses=(),
            why="a correct answer whose code triggers a numpy RuntimeWarning",
        ),
    ],
}


def all_edits() -> list[tuple[str, SourceEdit]]:
    """(assignment, edit) for every wrong answer and harmless change of every lesson."""
    return [
        (assignment, edit)
        for registry in (WRONG_ANSWERS, HARMLESS_CHANGES)
        for assignment, edits in registry.items()
        for edit in edits
    ]
