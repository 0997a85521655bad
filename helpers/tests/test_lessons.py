"""helpers.lessons: a learner's functions and classes from an earlier lesson's notebook."""

import nbformat
import numpy as np
import pytest
import torch

from helpers.lessons import LessonNotReady, functions_from_lesson


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
