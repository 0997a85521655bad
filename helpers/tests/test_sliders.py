"""helpers.sliders: sliders that redraw a plain plotting function."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from helpers.sliders import explore, slider_controls


def test_int_and_float_ranges_become_sliders_that_start_where_asked():
    controls = slider_controls(steps=(2, 40, 1, 10), w_hh=(0.5, 3.0, 0.1, 1.5))
    assert type(controls["steps"]).__name__ == "IntSlider" and controls["steps"].value == 10
    assert type(controls["w_hh"]).__name__ == "FloatSlider" and controls["w_hh"].value == 1.5
    assert not controls["w_hh"].continuous_update


@pytest.mark.parametrize("bad", [(1, 2, 3), (0.0, 1.0, 0.1, 2.0), (0.0, 1.0, 0.0, 0.5)])
def test_a_bad_range_says_what_to_give(bad):
    with pytest.raises(ValueError, match="slider 'x'"):
        slider_controls(x=bad)


def test_moving_a_slider_calls_the_plain_function_again_with_the_new_value():
    calls = []

    def draw(w_hh, steps):
        calls.append((w_hh, steps))
        plt.plot(range(steps), [w_hh] * steps)

    view = explore(draw, w_hh=(0.5, 3.0, 0.5, 1.5), steps=(2, 10, 1, 4))
    assert calls == [(1.5, 4)]                      # drawn once when shown
    slider = next(child for child in view.children if getattr(child, "description", "") == "w_hh")
    slider.value = 2.5
    assert calls[-1] == (2.5, 4)
    plt.close("all")
