"""The grader's side of the trusted verdict: learner objects seen from outside the kernel.

A test cell run by the grader (``autograder.trusted_cells``) reads the learner's names as
``RemoteObject``s. Calling one, reading or setting an attribute or item, taking its length or
iterating over it sends one request through a ``Channel`` to ``autograder.agent`` in the
learner's kernel; the reply is decoded by ``autograder.wire`` into data (numbers, strings,
containers, numpy arrays, torch tensors) or into another ``RemoteObject``. Nothing in a reply
is executed, unpickled or imported, and the test's own objects never enter the kernel: the
arguments of a call travel as copies. So references, comparisons and the verdict are all
computed here, where no learner code runs.

Differences a test author sees (each one on purpose):
- results are copies: a tensor comes back without its autograd graph, and changing it here
  does not change the learner's object (set attributes with ``=``, which is sent);
- arrays, tensors, lists and dicts passed to a learner's function are copied back into the
  test's objects after the call, so a function that changes its inputs is still caught;
- an exception raised by learner code arrives as ``LearnerError`` (also an instance of the same
  built-in exception class when it was one, e.g. ``NotImplementedError``), with its message.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any, Callable

import numpy as np

from . import wire

# Base classes a handle may claim for ``isinstance`` checks, when the grader has the same class
# loaded already (never imported on a learner's say-so).
CLASS_MODULES = ("torch.", "numpy.", "collections.")


class ChannelError(RuntimeError):
    """The kernel did not answer a request properly (it crashed, hung or sent garbage)."""


class LearnerError(Exception):
    """An exception raised by learner code in the kernel, as text."""

    def __init__(self, type_name: str, message: str, kernel_traceback: str = ""):
        super().__init__(message)
        self.type_name, self.kernel_traceback = type_name, kernel_traceback


_learner_errors: dict[type, type] = {}


def learner_error(type_name: str, builtin: bool, message: str, kernel_traceback: str) -> LearnerError:
    """A LearnerError, also of the built-in class ``type_name`` names (only a built-in one)."""
    base = getattr(builtins, type_name, None)
    if builtin and isinstance(base, type) and issubclass(base, Exception) and base is not LearnerError:
        kind = _learner_errors.setdefault(base, type(type_name, (LearnerError, base), {"__module__": "builtins"}))
    else:
        kind = LearnerError
    return kind(type_name, message, kernel_traceback)


class Channel:
    """Requests to the kernel's agent over ``send`` (request text -> reply text)."""

    def __init__(self, send: Callable[[str], str]):
        self._send = send
        self.requests = 0

    def request(self, op: str, **fields) -> dict:
        self.requests += 1
        reply = wire.loads(self._send(wire.dumps({"op": op, **fields})))
        if "raised" in reply:
            raised = reply["raised"]
            if type(raised) is not dict:
                raise wire.BadMessage("bad 'raised' field")
            raise learner_error(str(raised.get("type", "Exception"))[:100], raised.get("builtin") is True,
                                str(raised.get("message", ""))[:4000], str(raised.get("traceback", ""))[:8000])
        return reply

    def value(self, data) -> Any:
        return wire.decode(data, make_handle=lambda fields: RemoteObject(self, fields))

    def send_value(self, value) -> Any:
        return _encode_outgoing(value)

    def define(self, source: str, name: str) -> "RemoteObject":
        """Define the function ``name`` from the test's ``source`` in the kernel: a handle to it.

        For test helpers that must run where the learner's objects are (a training loop, a
        backward pass through a learner's module). They run beside learner code, so what they
        return is learner-controlled data like any other reply: the test still computes its
        references and its verdict here."""
        handle = self.value(self.request("define", source=source, name=name)["value"])
        if not isinstance(handle, RemoteObject):
            raise wire.BadMessage("defining a test helper must return a handle")
        return handle

    def lookup(self, name: str) -> Any:
        """The learner's global ``name`` (NameError if the kernel has none)."""
        try:
            return self.value(self.request("global", name=name)["value"])
        except LearnerError as error:
            if isinstance(error, NameError):
                raise NameError(str(error)) from None
            raise


def _encode_outgoing(value):
    """Test-side values as data; a RemoteObject as a reference to its kernel object."""
    def keep(item):
        raise wire.NotData(f"the test passed a {type(item).__qualname__} to learner code: only data and "
                           "learner objects can be sent to the kernel")

    if isinstance(value, RemoteObject):
        return {wire.TAG: "ref", "id": object.__getattribute__(value, "_fields")["id"]}
    if type(value) in (list, tuple):
        return {wire.TAG: type(value).__name__, "v": [_encode_outgoing(item) for item in value]}
    if type(value) is dict:
        return {wire.TAG: "dict", "v": [[_encode_outgoing(k), _encode_outgoing(v)] for k, v in value.items()]}
    return wire.encode(value, keep)


def _copy_back(original, returned) -> None:
    """Make ``original`` (a test's argument) hold what the learner's call left in its copy."""
    if isinstance(original, np.ndarray) and isinstance(returned, np.ndarray):
        if original.shape == returned.shape and original.flags.writeable:
            np.copyto(original, returned, casting="unsafe")
    elif type(original) is list and type(returned) is list:
        if len(original) == len(returned):
            for i, item in enumerate(returned):
                if isinstance(original[i], (np.ndarray, list, dict)) or _is_tensor(original[i]):
                    _copy_back(original[i], item)
                else:
                    original[i] = item
        else:
            original[:] = returned
    elif type(original) is dict and type(returned) is dict:
        original.clear()
        original.update(returned)
    elif _is_tensor(original) and _is_tensor(returned) and original.shape == returned.shape:
        import torch
        with torch.no_grad():
            original.copy_(returned)


def _is_tensor(value) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


def _claimed_class(fields: dict) -> type:
    """The first class the object's type or bases name that the grader itself has loaded from
    ``CLASS_MODULES``, else RemoteObject: what ``isinstance`` compares against."""
    for name in [fields["type"], *fields["bases"]]:
        module_name, _, qualname = name.rpartition(".")
        if not module_name.startswith(CLASS_MODULES):
            continue
        found = sys.modules.get(module_name)
        for part in qualname.split("."):
            found = getattr(found, part, None) if found is not None else None
        if isinstance(found, type):
            return found
    return RemoteObject


class RemoteObject:
    """An object that lives in the learner's kernel; every use is a request."""

    __slots__ = ("_channel", "_fields")

    def __init__(self, channel: Channel, fields: dict):
        object.__setattr__(self, "_channel", channel)
        object.__setattr__(self, "_fields", fields)

    def _ask(self, op: str, **fields) -> Any:
        channel = object.__getattribute__(self, "_channel")
        reply = channel.request(op, id=object.__getattribute__(self, "_fields")["id"], **fields)
        return reply, channel.value(reply.get("value"))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # Python's own protocol probes stay here
        return self._ask("getattr", name=name)[1]

    def __setattr__(self, name: str, value: Any) -> None:
        self._ask("setattr", name=name, value=_encode_outgoing(value))

    def __call__(self, *args, **kwargs) -> Any:
        reply, result = self._ask("call", args=[_encode_outgoing(a) for a in args],
                                  kwargs={k: _encode_outgoing(v) for k, v in kwargs.items()})
        channel = object.__getattribute__(self, "_channel")
        after = reply.get("after") or {}
        if type(after) is dict:
            for key, data in after.items():
                original = args[int(key)] if key.isdigit() and int(key) < len(args) else kwargs.get(key)
                if original is not None:
                    _copy_back(original, channel.value(data))
        return result

    def __getitem__(self, key) -> Any:
        return self._ask("getitem", key=_encode_outgoing(key))[1]

    def __setitem__(self, key, value) -> None:
        self._ask("setitem", key=_encode_outgoing(key), value=_encode_outgoing(value))

    def __len__(self) -> int:
        length = self._ask("len")[1]
        if type(length) is not int or length < 0:
            raise wire.BadMessage("len() of a learner object must be a non-negative int")
        return length

    def __bool__(self) -> bool:
        return self._ask("bool")[1] is True

    def __iter__(self):
        iterator = self._ask("iter")[1]
        while True:
            reply, value = iterator._ask("next")
            if reply.get("stop") is True:
                return
            yield value

    def __str__(self) -> str:
        text = self._ask("str")[1]
        return text if type(text) is str else "<learner object>"

    def __repr__(self) -> str:
        return f"<learner {object.__getattribute__(self, '_fields')['type']}>"

    @property
    def __class__(self):
        return _claimed_class(object.__getattribute__(self, "_fields"))
