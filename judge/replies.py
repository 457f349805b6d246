"""Reading the harness's replies as what they are: data written by the submission's process.

The harness runs inside the submission's process, so a reply can be forged, cut short, typed wrong,
nested 10,000 deep or carry a 64 MB string, and the harness's own `bad_value` answer means the
submission returned something it could not send. Nothing here trusts a field: every reply is
checked against the shape of its request, every value is decoded with bounded depth, size and
length, and every failure is one `BadReply` naming what the submission did. `BadReply` is a
`SandboxFailure` (verdict runtime_error), so a caller that only knows sandbox failures still ends
the run with the submission's verdict, never internal_error and never a traceback.

A returned value the judge will not take in (too deep, too large, an int with 5,001 digits) is not a
protocol failure: the submission returned something, so `step_results` gives it as a
`protocol.Unfit` describing it, and the case fails as a wrong answer at that step, shrunk like any
other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from judge import protocol
from judge.models import StepResult, Verdict
from judge.sandbox.base import SandboxFailure

MAX_TEXT = 20_000  # an error message or traceback (the harness sends at most 8,000)
MAX_NAME = 200  # an exception's or a class's name
MAX_REPR = 2_000  # a `$repr` (the harness sends at most 300)
MAX_RESULTS = 100_000  # results of one run request: never more than its steps
MAX_MEASURED = 10_000  # numbers in one measure or probe reply

_LOAD_STATUS = ("ready", "compile_error", "import_error")
_PROTOCOL = "the reply did not match the protocol"


class BadReply(SandboxFailure):
    """The submission broke the judge<->harness protocol (or returned what cannot be sent): a
    runtime_error whose message names what it did."""

    def __init__(self, message: str) -> None:
        super().__init__(Verdict.RUNTIME_ERROR, message)


class BadValue(BadReply):
    """A returned value the judge does not take in; `description` says what it was, in words."""

    def __init__(self, description: str) -> None:
        super().__init__(f"returned {description}")
        self.description = description


def _mismatch(detail: str) -> BadReply:
    return BadReply(f"{_PROTOCOL} ({detail})")


# -- text ----------------------------------------------------------------------------------------


def text(value: object, field: str, limit: int = MAX_TEXT, required: bool = False) -> str | None:
    """A string field: None if absent (unless required), cut to `limit`, lone surrogates made
    printable so that JSON output, the history database and the terminal can all take it."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise _mismatch(f"{field} is {_kind(value)}, not a string")
    value = value[:limit]
    if not value.isascii():
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _kind(value: object) -> str:
    """A name for a JSON value's type, for the messages (never the value itself)."""
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), "something else")


# -- values --------------------------------------------------------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


def decode_value(raw: object) -> Any:
    """The Python value a reply's wire form stands for, checked all the way down.

    Raises BadValue for a value past the protocol's bounds (depth, elements, string length, int
    digits) or one the harness described with `$unfit`, naming it ("an int with 5,001 digits",
    "a list holding a value nested more than 64 deep"); BadReply for anything that is not the
    protocol's encoding at all. Recursion is bounded by protocol.MAX_DEPTH, a few frames per level.
    """
    try:
        return _decode(raw, 0, _Budget())
    except _Unfit as unfit:
        described = unfit.description
        if unfit.depth > 0:
            outer = _outer_type(raw)
            described = f"{'an' if outer[:1] in 'aeiou' else 'a'} {outer} holding {described}"
        raise BadValue(described) from None


class _Unfit(Exception):
    def __init__(self, description: str, depth: int) -> None:
        super().__init__(description)
        self.description, self.depth = description, depth


def _outer_type(raw: object) -> str:
    if isinstance(raw, list):
        return "list"
    if isinstance(raw, dict):
        for tag, name in (("$tuple", "tuple"), ("$dict", "dict"), ("$set", "set")):
            if tag in raw:
                return name
    return "value"


_TAGS = frozenset(("$dec", "$frac", "$tuple", "$dict", "$set", "$repr", "$unfit"))


def _decode(raw: object, depth: int, budget: _Budget) -> Any:
    budget.nodes += 1
    return _node(raw, depth, budget)


def _node(raw: object, depth: int, budget: _Budget) -> Any:
    """One node, already counted against the budget."""
    if budget.nodes > protocol.MAX_NODES:
        raise _Unfit(protocol.describe_unfit("nodes", protocol.MAX_NODES), depth)
    if raw is None or type(raw) is bool or type(raw) is float:
        return raw
    if type(raw) is int:
        if raw.bit_length() > protocol.MAX_INT_BITS:
            raise _Unfit(protocol.describe_unfit("digits", protocol.int_digits(raw), "int"), depth)
        return raw
    if type(raw) is str:
        if len(raw) > protocol.MAX_CHARS:
            raise _Unfit(protocol.describe_unfit("chars", len(raw)), depth)
        return raw
    if type(raw) is list:
        return _decode_items(raw, "list", depth, budget)
    if type(raw) is not dict:
        raise _mismatch(f"a value is {_kind(raw)}")
    tags = _TAGS.intersection(raw)
    if len(tags) != 1:
        raise _mismatch("a value is an object that is not one of the protocol's tagged forms")
    (tag,) = tags
    body = raw[tag]
    if tag == "$dec":
        return _decimal(body, depth)
    if tag == "$frac":
        return _fraction(body, depth)
    if tag == "$repr":
        type_name = text(raw.get("$type", ""), "$type", MAX_NAME) or ""
        return protocol.Opaque(text(body, "$repr", MAX_REPR, required=True) or "", type_name)
    if tag == "$unfit":
        n, type_name = raw.get("n"), raw.get("$type", "")
        if body not in protocol.UNFIT_KINDS or type(n) is not int or n < 0 or n.bit_length() > 64:
            raise _mismatch("a malformed $unfit")
        name = text(type_name, "$type", MAX_NAME) or ""
        raise _Unfit(protocol.describe_unfit(str(body), n, _plain_name(name)), depth)
    if type(body) is not list:
        raise _mismatch(f"{tag} holds {_kind(body)}, not a list")
    if tag == "$tuple":
        return tuple(_decode_items(body, "tuple", depth, budget))
    if tag == "$set":
        items = _decode_items(body, "set", depth, budget)
        return frozenset(i for i in items if _hashable(i))
    return _decode_dict(body, depth, budget)


def _decode_items(items: list[Any], type_name: str, depth: int, budget: _Budget) -> list[Any]:
    if depth >= protocol.MAX_DEPTH:
        raise _Unfit(protocol.describe_unfit("depth", protocol.MAX_DEPTH), depth)
    if len(items) > protocol.MAX_ITEMS:
        raise _Unfit(protocol.describe_unfit("items", len(items), type_name), depth)
    budget.nodes += len(items)  # counted here at once; plain scalars, the bulk, skip a call each
    out: list[Any] = []
    append = out.append
    for item in items:
        kind = type(item)
        if (kind is int and item.bit_length() <= protocol.MAX_INT_BITS) or kind is float or kind is bool \
                or item is None or (kind is str and len(item) <= protocol.MAX_CHARS):
            append(item)
        else:
            append(_node(item, depth + 1, budget))
    if budget.nodes > protocol.MAX_NODES:
        raise _Unfit(protocol.describe_unfit("nodes", protocol.MAX_NODES), depth)
    return out


def _decode_dict(pairs: list[Any], depth: int, budget: _Budget) -> dict[Any, Any]:
    if depth >= protocol.MAX_DEPTH:
        raise _Unfit(protocol.describe_unfit("depth", protocol.MAX_DEPTH), depth)
    if len(pairs) > protocol.MAX_ITEMS:
        raise _Unfit(protocol.describe_unfit("items", len(pairs), "dict"), depth)
    out: dict[Any, Any] = {}
    for pair in pairs:
        if type(pair) is not list or len(pair) != 2:
            raise _mismatch("a $dict entry is not a [key, value] pair")
        key = _decode(pair[0], depth + 1, budget)
        out[key if _hashable(key) else repr(key)] = _decode(pair[1], depth + 1, budget)
    return out


def _plain_name(name: str) -> str:
    """A type name fit for a sentence: the harness's claim, so only an identifier is believed."""
    return name if name.isidentifier() else ""


def _decimal(body: object, depth: int) -> Decimal:
    if type(body) is not str:
        raise _mismatch(f"$dec holds {_kind(body)}, not a string")
    assert isinstance(body, str)
    if len(body) > protocol.MAX_DECIMAL_CHARS:
        raise _Unfit(protocol.describe_unfit("digits", len(body), "Decimal"), depth)
    try:
        value = Decimal(body)
    except (InvalidOperation, ValueError):
        raise _mismatch("$dec is not a decimal number") from None
    # A signalling NaN raises on every comparison; the submission's NaN compares as a NaN.
    return Decimal("NaN") if value.is_snan() else value


def _fraction(body: object, depth: int) -> Fraction:
    if type(body) is not list or len(body) != 2 or any(type(n) is not int for n in body):
        raise _mismatch("$frac is not a [numerator, denominator] pair of ints")
    assert isinstance(body, list)
    numerator, denominator = body
    if max(numerator.bit_length(), denominator.bit_length()) > protocol.MAX_INT_BITS:
        biggest = max(abs(numerator), abs(denominator))
        raise _Unfit(protocol.describe_unfit("digits", protocol.int_digits(biggest), "Fraction"), depth)
    if denominator == 0:
        raise _mismatch("$frac has a zero denominator")
    return Fraction(numerator, denominator)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


# -- replies -------------------------------------------------------------------------------------


def check(op: str, reply: object) -> dict[str, Any]:
    """The reply to an `op` request with every field the judge reads checked and cleaned (strings
    bounded, surrogates escaped); values stay in their wire form (decoded by `step_results`).
    Unknown fields are dropped. Raises BadReply."""
    if not isinstance(reply, dict):
        raise _mismatch(f"the reply is {_kind(reply)}, not an object")
    status = reply.get("status")
    if status == "bad_value":
        detail = text(reply.get("error"), "error", 300)
        raise BadReply("returned a value that cannot be sent to the judge"
                       + (f" ({detail})" if detail else ""))
    out: dict[str, Any] = {"id": reply.get("id")}
    if op == "load":
        if status not in _LOAD_STATUS:
            raise _mismatch(f"status {_shown(status)} in answer to loading the file")
        out["status"] = status
        for name, limit in (("python", 40), ("error", MAX_TEXT), ("error_type", MAX_NAME),
                            ("traceback", MAX_TEXT), ("limit", MAX_NAME)):
            value = text(reply.get(name), name, limit)
            if value is not None:
                out[name] = value
        if status == "import_error" and "error_type" not in out:
            raise _mismatch("an import error without its type")
        return out
    if status != "ok":
        raise _mismatch(f"status {_shown(status)}")
    out["status"] = "ok"
    if op == "run":
        results = reply.get("results")
        if type(results) is not list:
            raise _mismatch(f"results is {_kind(results)}, not a list")
        assert isinstance(results, list)
        if len(results) > MAX_RESULTS:
            raise _mismatch(f"{len(results):,} results")
        out["results"] = [_result(r) for r in results]
        return out
    if "error" in reply:  # measure or probe: a step that raised stops the measurement
        out["error"] = _result(reply["error"])
        if out["error"]["ok"]:
            raise _mismatch("a measurement error that is not an error")
    if reply.get("out_of_budget") is not None:
        if type(reply["out_of_budget"]) is not bool:
            raise _mismatch("out_of_budget is not a boolean")
        out["out_of_budget"] = reply["out_of_budget"]
    if "values" in reply:
        out["values"] = _numbers(reply["values"])
    if "cpu_ns" in reply:  # the harness's own CPU clock over the request, cross-checked from outside
        cpu = reply["cpu_ns"]
        if type(cpu) not in (int, float) or not math.isfinite(cpu) or cpu < 0:
            raise _mismatch(f"cpu_ns is {_kind(cpu)}, not a duration")
        out["cpu_ns"] = float(cpu)
    return out


def _shown(status: object) -> str:
    return repr(status[:40]) if isinstance(status, str) else _kind(status)


def _result(raw: object) -> dict[str, Any]:
    """One step's result: `ok`, then the value (wire form) or the error's type, message, traceback."""
    if not isinstance(raw, dict):
        raise _mismatch(f"a step result is {_kind(raw)}, not an object")
    ok = raw.get("ok")
    if type(ok) is not bool:
        raise _mismatch(f"a step result's ok is {_kind(ok)}, not a boolean")
    out: dict[str, Any] = {"ok": ok}
    if ok:
        out["value"] = raw.get("value")
        return out
    error_type = text(raw.get("error_type"), "error_type", MAX_NAME, required=True)
    out["error_type"] = error_type or "Exception"
    for name in ("error", "traceback", "limit"):
        value = text(raw.get(name), name)
        if value is not None:
            out[name] = value
    return out


def _numbers(raw: object) -> list[float]:
    if type(raw) is not list:
        raise _mismatch(f"values is {_kind(raw)}, not a list")
    assert isinstance(raw, list)
    if len(raw) > MAX_MEASURED:
        raise _mismatch(f"{len(raw):,} measurements")
    out = []
    for v in raw:
        if type(v) not in (int, float):
            raise _mismatch(f"a measurement is {_kind(v)}, not a number")
        number = float(v) if type(v) is float or abs(v).bit_length() < 1000 else math.inf
        # Negative is possible and honest for memory (a state that frees more than it keeps); the
        # complexity decision ignores non-positive costs. Only non-finite numbers are nonsense.
        if not math.isfinite(number):
            raise _mismatch(f"a measurement of {number!r}")
        out.append(number)
    return out


def step_results(reply: dict[str, Any], steps: int) -> list[StepResult]:
    """The typed results of a `run` of `steps` calls, values decoded.

    The harness answers every call until the first that raises, so there is one result per call,
    or fewer ending in an error: anything else (a forged empty reply, a result too many) is a
    BadReply. A value the judge does not take in becomes `protocol.Unfit`, so the case fails at
    that step as a wrong answer naming it."""
    results = check("run", reply)["results"]
    if len(results) > steps:
        raise _mismatch(f"{len(results)} results for a case of {steps} calls")
    if len(results) < steps and (not results or results[-1]["ok"]):
        ending = "" if not results else ", the last not an error"
        raise _mismatch(f"{len(results)} result{'s' if len(results) != 1 else ''} for a case of {steps} "
                        f"calls{ending}")
    if any(not r["ok"] for r in results[:-1]):
        raise _mismatch("results after a call that raised")
    typed = []
    for r in results:
        if r["ok"]:
            try:
                value = decode_value(r["value"])
            except BadValue as unfit:
                value = protocol.Unfit(unfit.description, "")
            typed.append(StepResult(ok=True, value=value))
        else:
            typed.append(StepResult(ok=False, error_type=r["error_type"], error=r.get("error"),
                                    traceback=r.get("traceback")))
    return typed


@dataclass
class Measured:
    values: list[float]
    out_of_budget: bool = False
    error: StepResult | None = None
    cpu_ns: float | None = None


def measured(reply: dict[str, Any]) -> Measured:
    """A measure reply: the numbers (finite), the harness's CPU time for it, or the error that stopped it."""
    checked = check("measure", reply)
    error = checked.get("error")
    return Measured(
        values=checked.get("values", []),
        out_of_budget=bool(checked.get("out_of_budget", False)),
        cpu_ns=checked.get("cpu_ns"),
        error=StepResult(ok=False, error_type=error["error_type"], error=error.get("error"),
                         traceback=error.get("traceback")) if error else None,
    )
