"""The wire format between the judge and the harness in the sandbox.

Standard library only: this file is bound read-only into the sandbox next to harness.py.

One message is one line of JSON. Values that JSON cannot carry faithfully are tagged, so the judge
sees exactly what the submission returned (a tuple stays a tuple in the report, a Decimal stays
exact) and decides itself how leniently to compare. A value too large or too deep to carry is sent
as a `$unfit` description (an int with 5,001 digits, a list nested more than 64 deep) instead of
failing the whole reply: the judge reports it as what the submission returned.

The harness runs inside the submission's process, so nothing it sends can be trusted: the judge
decodes replies with judge/replies.py, which checks every bound below again. The limits live here so
that both sides agree on them.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

TYPE_CHECKING = False  # not typing's: importing typing costs every sandbox start
if TYPE_CHECKING:  # annotations only: the harness imports this file at every sandbox start
    from typing import IO, Any

MAX_LINE = 64 * 1024 * 1024  # a reply larger than this is treated as a broken harness
MAX_DEPTH = 64  # containers inside containers: a deeper value is described, not sent
MAX_ITEMS = 100_000  # elements of one list, tuple, dict or set
MAX_NODES = 1_000_000  # elements of one value, all levels together
MAX_CHARS = 1_000_000  # characters of one string
MAX_INT_DIGITS = 4000  # under Python's 4,300-digit int<->str limit, so both sides can print it
# bit_length of the smallest int with more than MAX_INT_DIGITS digits, give or take one bit; the
# exact count is not worth a str() of a huge int
MAX_INT_BITS = math.floor(MAX_INT_DIGITS * math.log2(10))
MAX_DECIMAL_CHARS = MAX_INT_DIGITS + 32  # digits, sign, point and exponent of a $dec
_MAX_REPR = 300
_MAX_TYPE_NAME = 200

# Bound before the submission loads, so that replacing json.dumps inside the sandbox does not
# reach the harness's own replies (anything cleverer is caught by the judge's decoder).
_dumps = json.dumps
_loads = json.loads

UNFIT_KINDS = ("digits", "chars", "items", "depth", "nodes")


def _unfit(kind: str, n: int, value: Any) -> dict[str, Any]:
    return {"$unfit": kind, "n": n, "$type": type(value).__name__[:_MAX_TYPE_NAME]}


def int_digits(value: int) -> int:
    """Decimal digits of a huge int without str(), which is quadratic and limited to 4,300 digits."""
    bits = abs(value).bit_length()
    digits = max(1, int(bits * math.log10(2)))
    if bits < 200_000:  # exact where it is cheap: 10**digits costs a fraction of a millisecond
        return digits + 1 if abs(value) >= 10**digits else digits
    return digits + 1  # "about": far past any limit, one digit either way changes nothing


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


def encode_value(value: Any, depth: int = 0, budget: _Budget | None = None) -> Any:
    """The wire form of a value. Dispatches on the exact type (`type(v)`), never on isinstance: an
    object can claim any class through a `__class__` property, and json.dumps would then refuse it.
    Subclasses of the basic types are carried as their base type, read through the base type's own
    methods so that an overridden __iter__, __str__ or __int__ is never called."""
    budget = budget if budget is not None else _Budget()
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        return _unfit("nodes", MAX_NODES, value)
    kind = type(value)
    if value is None or kind is bool or kind is float:
        return value
    if kind is int:
        if value.bit_length() > MAX_INT_BITS and int_digits(value) > MAX_INT_DIGITS:
            return _unfit("digits", int_digits(value), value)
        return value
    if kind is str:
        return value if len(value) <= MAX_CHARS else _unfit("chars", len(value), value)
    if depth >= MAX_DEPTH and issubclass(kind, list | tuple | dict | set | frozenset):
        return _unfit("depth", MAX_DEPTH, value)
    if kind is Decimal:
        text = str(value)
        return {"$dec": text} if len(text) <= MAX_DECIMAL_CHARS else _unfit("digits", len(text), value)
    if kind is Fraction:
        if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_INT_BITS:
            return _unfit("digits", int_digits(max(abs(value.numerator), value.denominator)), value)
        return {"$frac": [value.numerator, value.denominator]}
    if issubclass(kind, list | tuple | dict | set | frozenset):
        items = _items(value, kind)
        if len(items) > MAX_ITEMS:
            return _unfit("items", len(items), value)
        if issubclass(kind, dict):
            return {"$dict": [[encode_value(k, depth + 1, budget), encode_value(v, depth + 1, budget)]
                              for k, v in items]}
        encoded = [encode_value(v, depth + 1, budget) for v in items]
        if issubclass(kind, list):
            return encoded
        return {"$tuple": encoded} if issubclass(kind, tuple) else {"$set": encoded}
    if issubclass(kind, bool | int):
        return encode_value(int.__int__(value), depth, budget)
    if issubclass(kind, float):
        return float.__float__(value)
    if issubclass(kind, str):
        return encode_value(str.__str__(value), depth, budget)
    if issubclass(kind, Decimal):
        return encode_value(Decimal(Decimal.__str__(value)), depth, budget)
    try:
        text = repr(value)
        if type(text) is not str:
            raise TypeError
    except Exception:  # a hostile __repr__ must not break the protocol
        text = f"<{kind.__name__} object>"
    return {"$repr": text[:_MAX_REPR], "$type": kind.__name__[:_MAX_TYPE_NAME]}


def _items(value: Any, kind: type) -> list[Any]:
    """The elements, read with the base type's C methods (no submission code runs)."""
    if issubclass(kind, dict):
        return list(dict.items(value))
    if issubclass(kind, list):
        return list(list.__iter__(value))
    if issubclass(kind, tuple):
        return list(tuple.__iter__(value))
    if issubclass(kind, set):
        return list(set.__iter__(value))
    return list(frozenset.__iter__(value))


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


class Unfit(Opaque):
    """A value the judge did not take in, by its description ("an int with 5,001 digits"): too
    large or too deep to carry. It equals nothing the reference returns."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return hash(self.text)


def describe_unfit(kind: str, n: int, type_name: str = "") -> str:
    """What the submission returned, in words, for a `$unfit` tag or a bound the judge enforces."""
    noun = type_name or "value"
    if kind == "digits":
        return f"{'a' if noun[:1] not in 'aeiou' else 'an'} {noun} with {n:,} digits"
    if kind == "chars":
        return f"a string of {n:,} characters"
    if kind == "items":
        return f"{'a' if noun[:1] not in 'aeiou' else 'an'} {noun} of {n:,} elements"
    if kind == "depth":
        return f"a value nested more than {n:,} deep"
    return f"a value of more than {n:,} elements"


def decode_value(value: Any) -> Any:
    """The value a trusted wire form stands for: the judge's own arguments in the harness, and the
    reference's values in the judge. Replies from the sandbox go through judge/replies.py instead,
    which bounds and checks everything."""
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
        if "$unfit" in value:
            return Unfit(describe_unfit(str(value["$unfit"]), int(value.get("n", 0)), str(value.get("$type", ""))))
    return value


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def write_message(stream: IO[bytes], message: dict[str, Any]) -> None:
    stream.write(_dumps(message, separators=(",", ":")).encode() + b"\n")
    stream.flush()


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """Read one message; None at end of stream. Raises ValueError on a malformed line (RecursionError,
    a ValueError too, for one nested past the parser's limit)."""
    line = stream.readline(MAX_LINE)
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise ValueError("message too long or truncated")
    try:
        message = _loads(line)
    except RecursionError:
        raise ValueError("message nested too deep") from None
    if not isinstance(message, dict):
        raise ValueError("message is not an object")
    return message
