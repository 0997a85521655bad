import numpy as np
import pytest

from helpers.checks import (
    CheckFailed,
    as_float_array,
    assert_close,
    assert_finite,
    assert_shape,
    assert_unchanged,
    check,
)


def test_close_arrays_pass():
    assert_close("h", np.array([0.5, 0.7]), [0.5, 0.7 + 1e-12])


def test_mismatch_names_the_array_and_reports_errors_and_first_index():
    with pytest.raises(CheckFailed) as info:
        assert_close("h_next", np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]),
                     hint="check the bias")
    message = str(info.value)
    assert "h_next" in message
    assert "index (1, 1)" in message
    assert "got 5, expected 4" in message
    assert "max abs error 1" in message
    assert "max rel error 0.25" in message
    assert message.endswith("check the bias")


def test_shapes_are_compared_before_values():
    with pytest.raises(CheckFailed, match=r"h has shape \(3, 4\) but expected \(3, 5\): did you use Wh"):
        assert_close("h", np.zeros((3, 4)), np.zeros((3, 5)), hint="did you use Wh (H, H) on h_prev?")


def test_assert_shape_reports_both_shapes():
    assert_shape("x", np.zeros((2, 3)), (2, 3))
    with pytest.raises(CheckFailed, match=r"x has shape \(2,\) but expected \(\)"):
        assert_shape("x", [1.0, 2.0], ())


def test_none_says_return_is_missing():
    with pytest.raises(CheckFailed, match="forget to `return`"):
        assert_close("grad", None, 1.0)


def test_object_that_equals_everything_cannot_pass():
    class EqualsEverything:
        def __eq__(self, other):
            return True

        def __getattr__(self, name):
            return self

    with pytest.raises(CheckFailed, match="should be numbers"):
        assert_close("answer", EqualsEverything(), 3.0)


def test_nan_is_reported_as_non_finite():
    with pytest.raises(CheckFailed, match=r"non-finite value\(s\), the first nan at index \(1,\)"):
        assert_close("loss", [1.0, np.nan], [1.0, 1.0])
    assert_finite("ok", [1.0, 2.0])


def test_torch_tensors_are_accepted():
    torch = pytest.importorskip("torch")
    assert_close("t", torch.tensor([1.0, 2.0], requires_grad=True), [1.0, 2.0])


def test_as_float_array_copies():
    original = np.array([1.0, 2.0])
    converted = as_float_array("x", original)
    converted[0] = 99
    assert original[0] == 1.0


def test_assert_unchanged_detects_in_place_edits():
    assert_unchanged("g", np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    with pytest.raises(CheckFailed, match="changed its input g in place"):
        assert_unchanged("g", np.array([1.0, 2.0]), np.array([1.0, 3.0]))


def test_check_raises_with_the_message():
    check(True, "never shown")
    with pytest.raises(CheckFailed, match="expected 2 arrays"):
        check(False, "expected 2 arrays")


def test_tolerances_are_respected():
    assert_close("x", 1.0 + 1e-6, 1.0, rtol=1e-5)
    with pytest.raises(CheckFailed, match="allowed rtol=1e-07"):
        assert_close("x", 1.0 + 1e-6, 1.0)
