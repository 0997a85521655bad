"""The kernel's side of the trusted verdict: answers the grader's requests about learner objects.

Loaded in the learner's (sandboxed) kernel by the autograder's first cell. The grader
(``autograder.remote``, outside the sandbox) runs the test cells itself and asks this module,
one request at a time, to look up a name, get or set an attribute or item, call something, or
step an iterator. Each request and its reply are JSON text (``autograder.wire``): values that
are data travel as data, anything else stays here behind a numbered handle.

Nothing here is trusted: learner code runs in this process and may change this module. It can
then only make its own answers wrong, since the grader reads the replies as data and computes
every reference and verdict on its own side.
"""

from __future__ import annotations

import itertools
import traceback

from . import wire
from .guard import AGENT_NAME  # noqa: F401  (the name the kernel knows this module by)

_objects: dict[int, object] = {}
_numbers = itertools.count(1)
last_reply = ""
# a call's arguments travel back after the call when they can be changed in place
_MUTABLE = (list, dict)


def _keep(value) -> dict:
    number = next(_numbers)
    _objects[number] = value
    kind = type(value)
    names = [f"{base.__module__}.{base.__qualname__}" for base in kind.__mro__]
    return {"id": number, "type": names[0], "bases": names[1:], "callable": callable(value)}


def _ref(number: int):
    try:
        return _objects[number]
    except KeyError:
        raise LookupError(f"no object number {number} in the kernel (it was released)") from None


def _value(data):
    return wire.decode(data, make_ref=_ref)


def _namespace() -> dict:
    from IPython import get_ipython
    return get_ipython().user_ns


def _changed_in_place(value) -> bool:
    import numpy as np
    if isinstance(value, (np.ndarray, *_MUTABLE)):
        return True
    tensor_types = wire._tensor_types()
    return bool(tensor_types) and type(value) in tensor_types


def _perform(request: dict):
    op = request.get("op")
    if op == "global":
        namespace = _namespace()
        if request["name"] not in namespace:
            raise NameError(f"name {request['name']!r} is not defined")
        return {"value": namespace[request["name"]]}
    if op == "define":
        # A test helper marked to run beside the learner's objects (``Channel.define``): the
        # instructor's source, run with the notebook's names as they are now.
        namespace = dict(_namespace())
        exec(compile(request["source"], f"<test helper {request['name']}>", "exec"), namespace)  # noqa: S102
        return {"value": _Handle(namespace[request["name"]])}
    if op == "release":
        for number in request.get("ids", []):
            _objects.pop(number, None)
        return {"value": None}
    target = _ref(request["id"])
    if op == "getattr":
        return {"value": getattr(target, request["name"])}
    if op == "setattr":
        setattr(target, request["name"], _value(request["value"]))
        return {"value": None}
    if op == "getitem":
        return {"value": target[_value(request["key"])]}
    if op == "setitem":
        target[_value(request["key"])] = _value(request["value"])
        return {"value": None}
    if op == "call":
        args = [_value(item) for item in request.get("args", [])]
        kwargs = {key: _value(item) for key, item in request.get("kwargs", {}).items()}
        result = target(*args, **kwargs)
        # arguments the call may have changed in place go back, so the grader sees the change
        after = {str(i): arg for i, arg in enumerate(args) if _changed_in_place(arg)}
        after.update({key: arg for key, arg in kwargs.items() if _changed_in_place(arg)})
        return {"value": result, "after": after}
    if op == "len":
        return {"value": len(target)}
    if op == "bool":
        return {"value": bool(target)}
    if op == "iter":
        return {"value": _keep_always(iter(target))}
    if op == "next":
        try:
            return {"value": next(target)}
        except StopIteration:
            return {"stop": True}
    if op == "str":
        return {"value": str(target)[:2000]}
    raise ValueError(f"unknown request {op!r}")


class _Handle:
    """Marks a value to send as a handle even if it were data (an iterator is never data anyway)."""

    def __init__(self, value):
        self.value = value


def _keep_always(value):
    return _Handle(value)


def _encode(value):
    if isinstance(value, _Handle):
        return {wire.TAG: "handle", **_keep(value.value)}
    return wire.encode(value, _keep)


def serve(request_text: str) -> None:
    """Carry out one request; its reply (JSON text) is left in ``last_reply`` for the grader."""
    global last_reply
    try:
        request = wire.loads(request_text)
        outcome = _perform(request)
        reply = {key: (_encode(value) if key == "value" else
                       {name: _encode(arg) for name, arg in value.items()} if key == "after" else value)
                 for key, value in outcome.items()}
    except Exception as error:  # noqa: BLE001 -- whatever the learner's code raised goes back as text
        kind = type(error)
        reply = {"raised": {"type": kind.__name__, "builtin": kind.__module__ == "builtins",
                            "message": str(error)[:4000],
                            "traceback": "".join(traceback.format_exception(error))[-8000:]}}
    try:
        last_reply = wire.dumps(reply)
    except (TypeError, ValueError) as error:
        last_reply = wire.dumps({"raised": {"type": "TypeError", "builtin": True, "traceback": "",
                                            "message": f"the reply could not be written as JSON: {error}"}})
