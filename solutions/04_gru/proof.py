"""Lesson 04 (the GRU step and time layer): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit


WRONG_ANSWERS = (
    SourceEdit(
        name="gru_update_convention_flipped",
        exercise="gru_step_forward",
        old="    h_next = (1 - z) * h_prev + z * n\n",
        new="    h_next = z * h_prev + (1 - z) * n\n",
        loses=("gru_step_forward", "gru_forward"),
        why="PyTorch's update convention used with the notebook's weights",
    ),
    SourceEdit(
        name="reset_on_the_input_term",
        exercise="gru_step_forward",
        old="n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])",
        new="n = np.tanh(r * ax[:, 2 * H:] + ah[:, 2 * H:])",
        loses=("gru_step_forward", "gru_forward"),
        why="the reset gate applied to the input term instead of the hidden one",
    ),
    SourceEdit(
        name="update_gradient_sign",
        exercise="gru_step_backward",
        old="dz = dh_next * (n - h_prev)",
        new="dz = dh_next * (h_prev - n)",
        loses=("gru_step_backward",),
        why="the derivative of the interpolation with respect to z has the wrong sign",
    ),
    SourceEdit(
        name="reset_missing_on_the_hidden_path",
        exercise="gru_step_backward",
        old="dah = np.concatenate([dar, daz, dan * r], axis=1)",
        new="dah = np.concatenate([dar, daz, dan], axis=1)",
        loses=("gru_step_backward",),
        why="the gradient to Wh_n and h_prev is not scaled by the reset gate",
    ),
    SourceEdit(
        name="gru_forward_restarts_from_h0",
        exercise="gru_forward",
        old="gru_step_forward(x[:, t], h_prev, Wx, Wh, b)",
        new="gru_step_forward(x[:, t], h0, Wx, Wh, b)",
        loses=("gru_forward",),
        why="every step starts from h0 instead of the previous state",
    ),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    quality_probe=(
        "{name + '_step_ms': 1000 * seconds for name, seconds in timings.items()}"
    ),
)
