"""What may cross between the learner's kernel and the trusted grader: data, as JSON.

The trusted side (``autograder.remote``) and the kernel side (``autograder.agent``) speak JSON
text and nothing else. A value is one of

- JSON's own: ``null``, ``true``/``false``, a number, a string;
- a tagged object ``{"~": tag, ...}``: ``list``, ``tuple``, ``dict`` (as key/value pairs),
  ``float`` (nan and the infinities), ``complex``, ``bytes`` (base64), ``slice``, ``ndarray``,
  ``npscalar`` and ``tensor`` (a dtype from ``DTYPES``, a shape and the raw bytes in base64; a
  tensor also says whether it requires grad and is a parameter), ``handle`` (an object that
  stays in the kernel: its number, and the names of its type and base classes, as strings) and
  ``ref`` (a handle sent back to the kernel).

Decoding builds only those: ``json.loads`` parses, arrays are made by ``numpy.frombuffer`` from an
allowed numeric dtype and a length that must match the shape, and a handle becomes whatever
``make_handle`` returns (on the trusted side, a ``RemoteObject`` that can only send requests).
Nothing is unpickled, imported or evaluated, so no value a learner's code returns can run code
on the trusted side. Anything else (an open file, a generator, a learner's class instance) is
not data: the kernel side keeps it and sends a handle; the trusted side refuses to send it.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any, Callable

import numpy as np

TAG = "~"
# Numeric and boolean dtypes only: an object dtype would hold arbitrary Python objects.
DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128")
MAX_DEPTH = 64
MAX_MESSAGE_BYTES = 256 * 2**20


class NotData(TypeError):
    """A value that cannot cross as data (and, on the side that refuses it, not as a handle)."""


class BadMessage(ValueError):
    """Text that is not a well-formed message of this protocol."""


def _array_fields(array: np.ndarray) -> dict:
    if array.dtype.name not in DTYPES:
        raise NotData(f"an array of dtype {array.dtype} is not data (allowed: {', '.join(DTYPES)})")
    little = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    return {"dtype": array.dtype.name, "shape": list(array.shape),
            "data": base64.b64encode(little.tobytes()).decode("ascii")}


def _tensor_types() -> tuple[type, ...]:
    try:
        import torch
    except ImportError:  # numpy-only use of the protocol
        return ()
    return torch.Tensor, torch.nn.Parameter


def encode(value: Any, keep: Callable[[Any], dict] | None = None, _depth: int = 0) -> Any:
    """``value`` as JSON-ready data. An object that is not data goes to ``keep`` (which returns the
    handle fields to send in its place); without ``keep`` it raises NotData."""
    if _depth > MAX_DEPTH:
        raise NotData(f"nested more than {MAX_DEPTH} deep")
    deeper = _depth + 1
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) in (int, bool):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {TAG: "float", "v": repr(value)}
    if type(value) is complex:
        return {TAG: "complex", "re": encode(value.real), "im": encode(value.imag)}
    if type(value) is bytes:
        return {TAG: "bytes", "v": base64.b64encode(value).decode("ascii")}
    if type(value) in (list, tuple):
        return {TAG: type(value).__name__, "v": [encode(item, keep, deeper) for item in value]}
    if isinstance(value, dict) and type(value).__module__ in ("builtins", "collections"):
        return {TAG: "dict", "v": [[encode(k, keep, deeper), encode(v, keep, deeper)] for k, v in value.items()]}
    if type(value) is slice:
        return {TAG: "slice", "v": [encode(value.start), encode(value.stop), encode(value.step)]}
    try:
        if type(value) is np.ndarray:
            return {TAG: "ndarray", **_array_fields(value)}
        if isinstance(value, np.generic) and type(value).__module__ == "numpy":
            return {TAG: "npscalar", **_array_fields(np.asarray(value))}
        if type(value) in _tensor_types():  # exactly: a subclass of Tensor may override anything
            array = value.detach().cpu().resolve_conj().resolve_neg().numpy()
            return {TAG: "tensor", **_array_fields(array), "requires_grad": bool(value.requires_grad),
                    "parameter": type(value) is not _tensor_types()[0]}
    except (NotData, TypeError):  # a dtype that is not data (object, bfloat16)
        if keep is None:
            raise NotData(f"an array of dtype {value.dtype} is not data") from None
        return {TAG: "handle", **keep(value)}
    if keep is None:
        raise NotData(f"a {type(value).__module__}.{type(value).__qualname__} cannot be sent: only data "
                      "(numbers, strings, lists, tuples, dicts, arrays, tensors) and learner objects cross")
    return {TAG: "handle", **keep(value)}


def _decode_array(fields: dict) -> np.ndarray:
    dtype, shape = fields.get("dtype"), fields.get("shape")
    if dtype not in DTYPES:
        raise BadMessage(f"dtype {dtype!r} is not allowed")
    if not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise BadMessage(f"bad shape {shape!r}")
    raw = base64.b64decode(fields.get("data", ""), validate=True)
    dt = np.dtype(dtype).newbyteorder("<")
    if len(raw) != math.prod(shape) * dt.itemsize:
        raise BadMessage(f"{len(raw)} bytes do not fill an array of shape {shape} and dtype {dtype}")
    return np.frombuffer(raw, dtype=dt).astype(np.dtype(dtype)).reshape(shape).copy()


def decode(data: Any, make_handle: Callable[[dict], Any] | None = None, make_ref: Callable[[int], Any] | None = None,
           _depth: int = 0) -> Any:
    """The value ``data`` (parsed JSON) stands for. Handles go to ``make_handle``, refs to ``make_ref``."""
    if _depth > MAX_DEPTH:
        raise BadMessage(f"nested more than {MAX_DEPTH} deep")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is not dict:
        raise BadMessage(f"a bare {type(data).__name__} is not a value (lists travel tagged)")
    tag, deeper = data.get(TAG), _depth + 1

    def inner(item):
        return decode(item, make_handle, make_ref, deeper)

    if tag in ("list", "tuple"):
        items = [inner(item) for item in _list(data.get("v"))]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        pairs = _list(data.get("v"))
        if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
            raise BadMessage("a dict travels as [key, value] pairs")
        return {inner(k): inner(v) for k, v in pairs}
    if tag == "float":
        if data.get("v") not in ("nan", "inf", "-inf"):
            raise BadMessage(f"bad float {data.get('v')!r}")
        return float(data["v"])
    if tag == "complex":
        return complex(_number(inner(data.get("re"))), _number(inner(data.get("im"))))
    if tag == "bytes":
        return base64.b64decode(data.get("v", ""), validate=True)
    if tag == "slice":
        start, stop, step = (inner(item) for item in _list(data.get("v"), length=3))
        return slice(start, stop, step)
    if tag == "ndarray":
        return _decode_array(data)
    if tag == "npscalar":
        return _decode_array(data)[()]
    if tag == "tensor":
        import torch
        tensor = torch.from_numpy(_decode_array(data))
        grad = data.get("requires_grad") is True and (tensor.is_floating_point() or tensor.is_complex())
        # a copy keeps what the original was (a module's parameter; a tensor autograd tracks), not its graph
        return torch.nn.Parameter(tensor, requires_grad=grad) if data.get("parameter") is True else \
            tensor.requires_grad_(grad)
    if tag == "handle" and make_handle is not None:
        return make_handle(_handle_fields(data))
    if tag == "ref" and make_ref is not None:
        if type(data.get("id")) is not int:
            raise BadMessage("a ref needs an integer id")
        return make_ref(data["id"])
    raise BadMessage(f"unknown or unexpected tag {tag!r}")


def _list(value, length: int | None = None) -> list:
    if type(value) is not list or (length is not None and len(value) != length):
        raise BadMessage("expected a list" + (f" of {length}" if length else ""))
    return value


def _number(value):
    if type(value) not in (int, float):
        raise BadMessage("expected a number")
    return value


def _handle_fields(data: dict) -> dict:
    """Only the documented fields of a handle, checked: an int id and type names as strings."""
    ident, type_name, bases = data.get("id"), data.get("type"), data.get("bases", [])
    if type(ident) is not int or type(type_name) is not str or type(bases) is not list or not all(
            type(b) is str for b in bases):
        raise BadMessage("a handle is an integer id, a type name and a list of base names")
    return {"id": ident, "type": type_name[:200], "bases": [b[:200] for b in bases[:50]],
            "callable": data.get("callable") is True}


def dumps(message: dict) -> str:
    return json.dumps(message, allow_nan=False, separators=(",", ":"))


def loads(text: str) -> dict:
    """A message from the other side: a JSON object, or BadMessage (never anything else)."""
    if type(text) is not str or len(text) > MAX_MESSAGE_BYTES:
        raise BadMessage("a message is a string of at most "
                         f"{MAX_MESSAGE_BYTES // 2**20} MiB")
    try:
        message = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BadMessage(f"not JSON: {error}") from None
    if type(message) is not dict:
        raise BadMessage("a message is a JSON object")
    return message
