"""The wire format between the judge and the harness in the sandbox.

Standard library only: this file is bound read-only into the sandbox next to harness.py.

One message is one line of JSON. Values that JSON cannot carry faithfully are tagged, so the judge
sees exactly what the submission returned (a tuple stays a tuple in the report, a Decimal stays
exact) and decides itself how leniently to compare.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any, BinaryIO

MAX_LINE = 64 * 1024 * 1024  # a reply larger than this is treated as a broken harness
_MAX_REPR = 300


def encode_value(value: Any, depth: int = 0) -> Any:
    if depth > 50:
        return {"$repr": "<nested too deep>"}
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, Fraction):
        return {"$frac": [value.numerator, value.denominator]}
    if isinstance(value, tuple):
        return {"$tuple": [encode_value(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode_value(k, depth + 1), encode_value(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, set | frozenset):
        return {"$set": [encode_value(v, depth + 1) for v in value]}
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not break the protocol
        text = f"<{type(value).__name__} object>"
    return {"$repr": text[:_MAX_REPR], "$type": type(value).__name__}


def encode_steps(steps: list[list[Any]]) -> list[list[Any]]:
    """Steps `[call, [args...]]` as they go on the wire."""
    return [[name, [encode_value(a) for a in args]] for name, args in steps]


class Opaque:
    """A value the harness could only describe (an object of the submission's own class, say)."""

    def __init__(self, text: str, type_name: str = "") -> None:
        self.text = text
        self.type_name = type_name

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def decode_value(value: Any) -> Any:
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if isinstance(value, dict):
        if "$dec" in value:
            return Decimal(value["$dec"])
        if "$frac" in value:
            return Fraction(*value["$frac"])
        if "$tuple" in value:
            return tuple(decode_value(v) for v in value["$tuple"])
        if "$dict" in value:
            out = {}
            for k, v in value["$dict"]:
                key = decode_value(k)
                out[key if _hashable(key) else repr(key)] = decode_value(v)
            return out
        if "$set" in value:
            items = [decode_value(v) for v in value["$set"]]
            return frozenset(i for i in items if _hashable(i))
        if "$repr" in value:
            return Opaque(str(value["$repr"]), str(value.get("$type", "")))
    return value


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def write_message(stream: BinaryIO, message: dict[str, Any]) -> None:
    stream.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")
    stream.flush()


def read_message(stream: BinaryIO) -> dict[str, Any] | None:
    """Read one message; None at end of stream. Raises ValueError on a malformed line."""
    line = stream.readline(MAX_LINE)
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise ValueError("message too long or truncated")
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("message is not an object")
    return message
