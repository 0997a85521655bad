"""helpers.data's sequence tasks, helpers.batches and helpers.lessons."""

import nbformat
import numpy as np
import pytest
import torch

from helpers.batches import padded_batches, padded_tensors, tensor_batches
from helpers.data import order_task, pad_batch, peak_tagging_task, periodic_series, sliding_windows
from helpers.lessons import LessonNotReady, functions_from_lesson


def test_periodic_series_is_deterministic_and_not_predicted_by_repeating_the_last_value():
    series = periodic_series(2000, seed=3)
    assert series.dtype == np.float32 and series.shape == (2000,)
    assert np.array_equal(series, periodic_series(2000, seed=3))
    assert not np.array_equal(series, periodic_series(2000, seed=4))
    naive_error = np.mean((series[1:] - series[:-1]) ** 2)
    assert naive_error > 5 * 0.1 ** 2          # well above the noise floor a model can reach


def test_sliding_windows_pair_each_step_with_the_next_value():
    inputs, targets = sliding_windows(np.arange(10), window=4, stride=3)
    assert inputs.shape == targets.shape == (2, 4, 1)
    assert inputs[1, :, 0].tolist() == [3, 4, 5, 6]
    assert targets[1, :, 0].tolist() == [4, 5, 6, 7]
    with pytest.raises(ValueError, match="no window"):
        sliding_windows(np.arange(4), window=4)


def test_order_task_labels_follow_the_order_of_a_and_b_and_counts_carry_no_signal():
    sequences, labels = order_task(400, seed=5, min_length=3, max_length=9)
    for tokens, label in zip(sequences, labels):
        assert 3 <= len(tokens) <= 9 and tokens.min() >= 1
        assert (tokens == 1).sum() == 1 and (tokens == 2).sum() == 1
        assert label == int(np.argmax(tokens == 1) < np.argmax(tokens == 2))
    assert 0.4 < labels.mean() < 0.6


def test_peak_tags_mark_tokens_larger_than_both_neighbours():
    sequences, tags = peak_tagging_task(50, seed=2)
    for tokens, tag in zip(sequences, tags):
        for t, value in enumerate(tokens):
            left = tokens[t - 1] if t > 0 else -1
            right = tokens[t + 1] if t + 1 < len(tokens) else -1
            assert tag[t] == int(value > left and value > right)


def test_pad_batch_right_pads_and_returns_lengths():
    batch, lengths = pad_batch([np.array([5, 6]), np.array([7]), np.array([1, 2, 3])])
    assert batch.tolist() == [[5, 6, 0], [7, 0, 0], [1, 2, 3]]
    assert lengths.tolist() == [2, 1, 3]
    with pytest.raises(ValueError):
        pad_batch([np.array([], dtype=np.int64)])


def test_batches_have_the_inputs_targets_form_and_a_seeded_order():
    x, y = np.arange(10.0)[:, None], np.arange(10.0)[:, None] * 2
    batches = tensor_batches(x, y, 4, seed=1)
    assert [len(inputs[0]) for inputs, _ in batches] == [4, 4, 2]
    for (bx,), (by,) in batches:
        assert torch.equal(by, bx * 2)
    assert sorted(torch.cat([b[0][0] for b in batches]).flatten().tolist()) == list(range(10))
    kept = tensor_batches(x, y, 4, seed=None)
    assert kept[0][0][0].flatten().tolist() == [0, 1, 2, 3]

    sequences, labels = [np.array([3, 4]), np.array([5]), np.array([6, 7, 8])], np.array([1, 0, 1])
    (tokens, lengths), (targets,) = padded_batches(sequences, labels, 3, seed=None)[0]
    assert tokens.tolist() == [[3, 4, 0], [5, 0, 0], [6, 7, 8]] and targets.tolist() == [1, 0, 1]
    (tokens, lengths), (tags, tag_lengths) = padded_batches(sequences, sequences, 3, seed=None)[0]
    assert torch.equal(tags, tokens) and torch.equal(lengths, tag_lengths)
    assert padded_tensors(sequences)[1].tolist() == [2, 1, 3]


def _notebook(path, *sources):
    path.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]), str(path))


def test_functions_from_an_earlier_lesson_run_without_its_other_cells(tmp_path):
    _notebook(tmp_path / "03_x" / "03_x.ipynb",
              "import numpy as np\n%matplotlib inline\nraise RuntimeError('a training cell must not run')",
              "def helper(v):\n    return 2 * v",
              "def twice_sum(v):\n    return np.sum(helper(v))",
              "def broken(:\n    pass")
    here = tmp_path / "05_y"
    functions = functions_from_lesson("03_x", ["twice_sum"], here=here)
    assert functions["twice_sum"](np.array([1, 2])) == 6
    with pytest.raises(LessonNotReady, match="does not define missing"):
        functions_from_lesson("03_x", ["missing"], here=here)
    with pytest.raises(LessonNotReady, match="work through lesson 04_z"):
        functions_from_lesson("04_z", ["f"], here=here)


def test_classes_come_along_with_functions(tmp_path):
    _notebook(tmp_path / "07_a" / "07_a.ipynb",
              "from torch import nn\nclass Twice(nn.Module):\n    def forward(self, x):\n        return 2 * x",
              "model = Twice()\nraise RuntimeError('training must not run')")
    Twice = functions_from_lesson("07_a", ["Twice"], here=tmp_path / "08_b")["Twice"]
    assert Twice()(torch.tensor(3.0)).item() == 6.0
