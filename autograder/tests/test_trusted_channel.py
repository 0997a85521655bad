"""The channel of the trusted verdict, without a kernel: the agent answers in this process.

What crosses is data (``autograder.wire``) or a handle; decoding never runs code; learner
objects behave, seen through ``RemoteObject``, as the test cells expect; and a test cell run by
``TrustedTests`` gets the outputs nbgrader grades from.
"""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest
import torch
from nbformat.v4 import new_code_cell

from autograder import agent, wire
from autograder.guard import RESTORE_LINE
from autograder.kernel_channel import string_literal
from autograder.remote import Channel, ChannelError, LearnerError, RemoteObject
from autograder.trusted_cells import TrustedTests

LEARNER_CODE = '''
import numpy as np
import torch

def doubles_and_scribbles(x, h0=0.0):
    x[0] = 99.0
    return x * 2, (h0, [np.float64(1.5), {"a": 1}])

def not_done():
    raise NotImplementedError("Replace this line with your code.")

class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(2, 3)

    def forward(self, x):
        return self.linear(x)

class RunsWhenUnpickled:
    def __reduce__(self):
        return (print, ("unpickled!",))

def evil():
    return RunsWhenUnpickled()
'''


@pytest.fixture
def kernel(monkeypatch):
    """A learner namespace and a Channel whose agent runs in this process (no kernel, no sandbox)."""
    namespace: dict = {}
    exec(LEARNER_CODE, namespace)  # noqa: S102 -- the test's own stand-in for a learner's cells
    monkeypatch.setattr(agent, "_namespace", lambda: namespace)

    def send(text):
        agent.serve(text)
        return agent.last_reply

    return Channel(send)


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 2.5, float("inf"), "text", b"\x00\xff", 1 + 2j, slice(1, None, 2),
    [1, (2, 3), {"k": [4.0]}], {(1, 2): "tuple key"},
    np.arange(6, dtype=np.int32).reshape(2, 3), np.float32(1.25), np.array([True, False]),
])
def test_data_round_trips_unchanged(value):
    decoded = wire.decode(wire.loads(wire.dumps({"v": wire.encode(value)}))["v"])
    if isinstance(value, np.ndarray):
        assert decoded.dtype == value.dtype and np.array_equal(decoded, value)
    elif isinstance(value, np.generic):
        assert type(decoded) is type(value) and decoded == value
    else:
        assert decoded == value and type(decoded) is type(value)


def test_tensors_keep_dtype_shape_values_and_whether_they_are_parameters():
    parameter = torch.nn.Parameter(torch.randn(2, 3, dtype=torch.float64))
    decoded = wire.decode(wire.encode(parameter))
    assert type(decoded) is torch.nn.Parameter and decoded.requires_grad
    assert decoded.dtype == torch.float64 and torch.equal(decoded.detach(), parameter.detach())
    plain = wire.decode(wire.encode(torch.arange(4)))
    assert type(plain) is torch.Tensor and plain.dtype == torch.int64 and not plain.requires_grad


@pytest.mark.parametrize("message", [
    {"~": "pickle", "v": pickle.dumps(print).hex()},          # no tag for pickles at all
    {"~": "ndarray", "dtype": "object", "shape": [1], "data": ""},   # object arrays hold code
    {"~": "ndarray", "dtype": "float64", "shape": [4], "data": "AAAA"},  # too few bytes
    {"~": "handle", "id": "1", "type": "x"},                 # handles arrive only where allowed
    ["a bare list"],
])
def test_anything_but_the_documented_data_is_rejected(message):
    with pytest.raises(wire.BadMessage):
        wire.decode(message)


def test_objects_that_are_not_data_stay_in_the_kernel_as_handles(kernel):
    returned = kernel.lookup("evil")()
    assert isinstance(returned, RemoteObject), "an object that is not data must come back as a handle"
    assert "RunsWhenUnpickled" in repr(returned)
    with pytest.raises(wire.NotData):
        wire.encode(object())  # and the grader never sends one of its own objects


def test_a_learner_function_is_called_with_copies_and_its_in_place_changes_come_back(kernel):
    x = np.arange(3.0)
    doubled, (h0, rest) = kernel.lookup("doubles_and_scribbles")(x, h0=2.0)
    assert np.array_equal(doubled, [198.0, 2.0, 4.0]) and h0 == 2.0 and rest == [1.5, {"a": 1}]
    assert x[0] == 99.0, "a change the learner's function made to its input must be visible to the test"


def test_learner_exceptions_arrive_as_text_and_keep_their_builtin_class(kernel):
    with pytest.raises(NotImplementedError) as raised:
        kernel.lookup("not_done")()
    assert isinstance(raised.value, LearnerError) and raised.value.type_name == "NotImplementedError"
    assert "Replace this line" in str(raised.value)
    with pytest.raises(NameError):
        kernel.lookup("never_defined")


def test_modules_are_used_through_handles_like_local_ones(kernel):
    model = kernel.lookup("Model")()
    assert isinstance(model, torch.nn.Module) and isinstance(model.linear, torch.nn.Linear)
    assert not isinstance(model, torch.nn.Linear)
    assert model.linear.weight.shape == (3, 2) and type(model.linear.weight) is torch.nn.Parameter
    output = model(torch.ones(4, 2))
    assert type(output) is torch.Tensor and output.shape == (4, 3)
    model.linear.bias = torch.nn.Parameter(torch.zeros(3))
    assert torch.equal(model.linear.bias.detach(), torch.zeros(3))
    assert [p.shape for p in model.parameters()] == [(3, 2), (3,)]
    assert model.training and model.eval() is not None and not model.training


def test_a_claimed_class_is_never_imported_on_the_learners_say_so(kernel):
    fields = {"id": 1, "type": "antigravity.Fly", "bases": ["os.system", "builtins.object"], "callable": False}
    assert RemoteObject(kernel, fields).__class__ is RemoteObject


def test_a_reply_is_read_as_a_string_literal_only():
    assert string_literal(repr('{"value": 1}')) == '{"value": 1}'
    for not_a_string in ("__import__('os').system('true')", "b'bytes'", "'a' + 'b'", None):
        with pytest.raises(ChannelError):
            string_literal(not_a_string)


def test_a_test_cell_run_by_the_grader_gets_outputs_and_its_error(kernel):
    tests = TrustedTests({"np": ("numpy", None), "check": ("helpers.checks", "check")},
                         {"doubles_and_scribbles", "not_done"})
    passing = new_code_cell(f"{RESTORE_LINE}\nout, _ = doubles_and_scribbles(np.ones(2))\n"
                            "check(out[1] == 2, 'doubled')\nprint('passes')")
    tests.run(passing, kernel, list)
    assert [(o.output_type, o.get("text")) for o in passing.outputs] == [("stream", "passes\n")]
    failing = new_code_cell("not_done()")
    tests.run(failing, kernel, list)
    [error] = failing.outputs
    assert error.output_type == "error" and error.ename == "NotImplementedError"
    assert error.traceback[-1] == "NotImplementedError: Replace this line with your code."


def test_a_test_cell_reads_only_trusted_names_and_exercises_from_the_kernel(kernel):
    # `Model` is in the learner's namespace but is no exercise of this notebook: never looked up
    tests = TrustedTests({}, {"doubles_and_scribbles"})
    cell = new_code_cell("Model")
    tests.run(cell, kernel, list)
    assert [o.ename for o in cell.outputs] == ["NameError"]


def test_messages_are_json_objects_of_bounded_size():
    with pytest.raises(wire.BadMessage):
        wire.loads("[1, 2]")
    with pytest.raises(wire.BadMessage):
        wire.loads("{" * 100_000)
    assert wire.loads(json.dumps({"op": "global"})) == {"op": "global"}


def test_a_helper_marked_beside_the_learner_trains_the_learners_module_in_the_kernel(kernel):
    # Run by the grader, `step` is defined in the kernel from its own source and called there on
    # the learner's module: a backward pass and an optimiser step cannot work on copies.
    tests = TrustedTests({"torch": ("torch", None), "check": ("helpers.checks", "check")}, {"Model"})
    cell = new_code_cell(
        "from helpers.checks import beside_the_learner\n"
        "model = Model()\n"
        "before = model.linear.weight\n"
        "@beside_the_learner\n"
        "def step(model, x):\n"
        "    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)\n"
        "    model(x).sum().backward()\n"
        "    optimizer.step()\n"
        "    return model.linear.weight.grad, type(optimizer).__module__\n"
        "grad, where = step(model, torch.ones(4, 2))\n"
        "check(torch.equal(grad, torch.full((3, 2), 4.0)), f'gradient {grad}')\n"
        "check(torch.allclose(model.linear.weight, before - 2.0), 'the step changed the kernel module')\n"
        "print(where)")
    tests.run(cell, kernel, list)
    assert [(o.output_type, o.get("text")) for o in cell.outputs] == [("stream", "torch.optim.sgd\n")]


def test_a_helper_beside_the_learner_sees_only_the_kernels_names_and_its_arguments(kernel):
    tests = TrustedTests({}, set())
    cell = new_code_cell(
        "from helpers.checks import beside_the_learner\n"
        "secret = 'the grader only'\n"
        "@beside_the_learner\n"
        "def peek():\n"
        "    return 'secret' in globals(), 'doubles_and_scribbles' in globals()\n"
        "print(peek())")
    tests.run(cell, kernel, list)
    assert [o.get("text") for o in cell.outputs] == ["(False, True)\n"]


def test_without_the_grader_beside_the_learner_changes_nothing():
    from helpers.checks import beside_the_learner

    def helper(x):
        return x + 1

    assert beside_the_learner(helper) is helper


def test_a_helpers_parameter_does_not_hide_the_exercise_of_the_same_name(kernel):
    # `not_done` is an exercise read at the cell's level; a helper's parameter of that name binds
    # it only inside the helper, so the cell must still get the learner's object
    tests = TrustedTests({}, {"not_done"})
    cell = new_code_cell("def call(not_done):\n    return not_done()\n\ncall(not_done)")
    tests.run(cell, kernel, list)
    assert [o.ename for o in cell.outputs] == ["NotImplementedError"]
