"""Copied work: a copy with renamed variables and reordered lines is flagged; the course's own
right answers, written independently, are not."""

from __future__ import annotations

import pytest

from autograder.class_report import write_class_report
from autograder.course import repo_course, scratch_course
from autograder.proof import lesson_proofs
from autograder.release import build_release
from autograder.similarity import THRESHOLD, answer_similarity, canonical, similar_pairs, solution_cells
from autograder.submissions import apply_edit, read_notebook, solution_answers, write_submission

COURSE = repo_course()
PROOFS = lesson_proofs(COURSE)
RIGHT_ANSWERS = [(a, e) for a in COURSE.assignment_ids() for e in PROOFS[a].right_answers if not e.loses]

# Lesson 03's solution of lstm_step_backward, copied: every name changed, the six gradient lines
# in the opposite order, the comments gone.
COPIED_LSTM_STEP_BACKWARD = '''def lstm_step_backward(dh_next, dc_next, cache):
    """Backward pass of lstm_step_forward."""
    inp, prev_h, prev_c, W_in, W_rec, gi, gf, go, gg, cell = cache
    t_c = np.tanh(cell)
    d_cell = dc_next + dh_next * go * (1 - t_c ** 2)
    d_i, d_f, d_o, d_g = d_cell * gg, d_cell * prev_c, dh_next * t_c, d_cell * gi
    d_pre = np.concatenate([d_i * gi * (1 - gi), d_f * gf * (1 - gf), d_o * go * (1 - go), d_g * (1 - gg ** 2)], axis=1)
    grad_b = d_pre.sum(axis=0)
    grad_Wh = prev_h.T @ d_pre
    grad_Wx = inp.T @ d_pre
    grad_c_prev = d_cell * gf
    grad_h_prev = d_pre @ W_rec.T
    grad_x = d_pre @ W_in.T
    return grad_x, grad_h_prev, grad_c_prev, grad_Wx, grad_Wh, grad_b
'''
# Lesson 04's solution of gru_step_backward, copied the same way.
COPIED_GRU_STEP_BACKWARD = '''def gru_step_backward(dh_next, cache):
    inputs, state, W_input, W_state, reset, update, candidate, hidden_candidate = cache
    d_update = dh_next * (candidate - state)
    d_candidate = dh_next * update
    d_update_pre = d_update * update * (1 - update)
    d_candidate_pre = d_candidate * (1 - candidate ** 2)
    d_reset = d_candidate_pre * hidden_candidate
    d_reset_pre = d_reset * reset * (1 - reset)
    d_state_pre = np.concatenate([d_reset_pre, d_update_pre, d_candidate_pre * reset], axis=1)
    d_input_pre = np.concatenate([d_reset_pre, d_update_pre, d_candidate_pre], axis=1)
    grad_bias = d_input_pre.sum(axis=0)
    grad_W_state = state.T @ d_state_pre
    grad_W_input = inputs.T @ d_input_pre
    grad_state = dh_next * (1 - update) + d_state_pre @ W_state.T
    grad_input = d_input_pre @ W_input.T
    return grad_input, grad_state, grad_W_input, grad_W_state, grad_bias
'''
COPIES = [("03_lstm", "lstm_step_backward", COPIED_LSTM_STEP_BACKWARD),
          ("04_gru", "gru_step_backward", COPIED_GRU_STEP_BACKWARD)]


def _stub(assignment: str, exercise: str) -> str:
    return solution_cells(read_notebook(COURSE.release_notebook(assignment)))[exercise]


@pytest.mark.parametrize("assignment,exercise,copy", COPIES, ids=[e for _, e, _ in COPIES])
def test_a_copy_with_renamed_variables_and_reordered_lines_is_flagged(assignment, exercise, copy):
    original = solution_answers(read_notebook(COURSE.source_notebook(assignment)))[exercise]
    assert answer_similarity(original, copy, _stub(assignment, exercise)) >= THRESHOLD


def test_no_right_answer_of_the_course_is_flagged_against_the_solution():
    scores = {}
    for assignment, edit in RIGHT_ANSWERS:
        solution = solution_answers(read_notebook(COURSE.source_notebook(assignment)))
        answer = apply_edit(solution, edit)[edit.exercise]
        scores[edit.name] = answer_similarity(solution[edit.exercise], answer, _stub(assignment, edit.exercise))
    assert len(scores) >= 80
    flagged = {name: round(score, 2) for name, score in scores.items() if score >= THRESHOLD}
    assert not flagged, f"independent right answers flagged as copies: {flagged}"


def test_the_canonical_form_ignores_docstrings_comments_layout_and_the_order_of_plain_lines():
    one = 'def f(a, b):\n    """Doc."""\n    x = a + b  # sum\n    y = a*b\n    return x - y\n'
    two = "def f(a, b):\n    y = a * b\n    x = (a + b)\n    return x - y\n"
    assert canonical(one) == canonical(two)
    # control flow keeps its place: a loop is not moved past the lines around it
    assert canonical("x = 1\nfor i in r:\n    x += i\ny = 2\n").splitlines()[1].startswith("for")
    assert canonical("def f(:\n") == "def f(:\n"          # what does not parse is compared as written


def test_an_untouched_stub_is_never_similar_to_anything():
    stub = _stub("03_lstm", "lstm_step_backward")
    assert answer_similarity(stub, stub, stub) == 0.0


def _nth_right_answers(solution: dict[str, str], n: int) -> dict[str, str]:
    """Every exercise answered by its n-th right answer in lesson 03's proof file."""
    answers = dict(solution)
    for exercise in solution:
        edits = [e for e in PROOFS["03_lstm"].right_answers if e.exercise == exercise and not e.loses]
        answers = apply_edit(answers, edits[n])
    return answers


@pytest.fixture(scope="module")
def copying_class(tmp_path_factory):
    """Lesson 03: the solution, a copy of its lstm_step_backward, and independent right answers."""
    course = scratch_course(tmp_path_factory.mktemp("similarity"))
    build_release(course, ["03_lstm"])
    solution = solution_answers(read_notebook(course.source_notebook("03_lstm")))
    write_submission(course, "original", "03_lstm")
    write_submission(course, "independent", "03_lstm", answers=_nth_right_answers(solution, 0))
    # the copier wrote their own answers elsewhere (other right answers) and copied one
    write_submission(course, "copier", "03_lstm", answers={**_nth_right_answers(solution, 1),
                                                           "lstm_step_backward": COPIED_LSTM_STEP_BACKWARD})
    write_submission(course, "untouched", "03_lstm", answers=solution_cells(
        read_notebook(course.release_notebook("03_lstm"))))
    return course


def test_in_a_class_only_the_copied_exercise_of_the_copying_pair_is_listed(copying_class):
    pairs = similar_pairs(copying_class, "03_lstm")
    assert [(p.students, [a.exercise for a in p.answers]) for p in pairs] == [
        (("copier", "original"), ["lstm_step_backward"])]
    assert "grad_h_prev" in pairs[0].answers[0].code[0]


def test_the_class_report_shows_the_pair_side_by_side(copying_class, tmp_path):
    text = write_class_report(copying_class, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Similar answers" in text and "<b>copier</b> and <b>original</b>" in text
    assert text.count("<div class='side'><pre>") == 1 and "grad_h_prev" in text
