"""The judge's reply decoder (judge/replies.py): fuzzed with random and adversarial JSON, it raises
nothing but BadReply; specific forgeries get the submission's verdict with a message naming them.

The attacks through a real sandbox are in test_replies_attacks.py."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judge import problems, profiling, protocol, replies, values
from judge.correctness import CaseChecker, CaseFailed, Fatal, run_suite
from judge.inprocess import InProcessWorker
from judge.models import Limits, Verdict

ATTACKS = Path(__file__).resolve().parent / "attacks_replies"
FUZZ = settings(max_examples=400, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- strategies: JSON as json.loads gives it, plus what only a forger would write --------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    # built, not listed: a repr of a 5,000-digit int fails, and Hypothesis reprs its strategies
    st.sampled_from([3999, 4000, 4299, 5000, 6021]).map(lambda e: 10**e),
    st.sampled_from([3999, 4299, 5000]).map(lambda e: -(10**e)),
    st.sampled_from(["$dec", "$frac", "$tuple", "$dict", "$set", "$repr", "$unfit", "$type", "n", "ok"]),
)
_keys = st.one_of(st.text(max_size=8), st.sampled_from([
    "$dec", "$frac", "$tuple", "$dict", "$set", "$repr", "$unfit", "$type", "n", "ok", "value", "error",
    "error_type", "traceback", "results", "status", "values", "out_of_budget", "limit", "python", "id"]))


def _tagged(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Objects shaped like the protocol's tagged values, with bodies right and wrong."""
    return st.one_of(
        st.builds(lambda b: {"$dec": b}, st.one_of(st.sampled_from(["1.5", "NaN", "sNaN", "-Infinity", "1e999999",
                                                                    "x", "", "1" * 5000]), children)),
        st.builds(lambda b: {"$frac": b}, st.one_of(st.lists(st.integers(), min_size=2, max_size=2),
                                                    st.just([1, 0]), st.just(5000).map(lambda e: [10**e, 1]),
                                                    children)),
        st.builds(lambda b: {"$tuple": b}, st.one_of(st.lists(children, max_size=4), children)),
        st.builds(lambda b: {"$set": b}, st.one_of(st.lists(children, max_size=4), children)),
        st.builds(lambda b: {"$dict": b}, st.one_of(st.lists(st.lists(children, min_size=0, max_size=3),
                                                             max_size=4), children)),
        st.builds(lambda b, t: {"$repr": b, "$type": t}, children, children),
        st.builds(lambda k, n, t: {"$unfit": k, "n": n, "$type": t},
                  st.one_of(st.sampled_from(protocol.UNFIT_KINDS), children), children, children),
    )


json_values = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(_keys, children, max_size=5),
                               _tagged(children)),
    max_leaves=30,
)


def _nest(depth: int, kind: str, leaf: Any = 1) -> Any:
    value: Any = leaf
    for _ in range(depth):
        value = {"list": [value], "tuple": {"$tuple": [value]}, "dict": {"$dict": [[1, value]]},
                 "set": {"$set": [value]}}[kind]
    return value


# Past MAX_DEPTH, but shallow enough for Hypothesis to print a failing example; the decoder's own
# test below builds values thousands deep from a drawn depth instead.
deep_values = st.builds(_nest, st.integers(0, 100), st.sampled_from(["list", "tuple", "dict", "set"]))
big_values = st.one_of(
    st.integers(0, 250_000).map(lambda n: list(range(n))),
    st.integers(0, 2_000_000).map(lambda n: "x" * n),
    st.integers(0, 1100).map(lambda n: [list(range(1000))] * n),  # 1,000,000 elements and more
)


def _results(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    good = st.builds(lambda v: {"ok": True, "value": v}, children)
    error = st.builds(lambda t, e, tb: {"ok": False, "error_type": t, "error": e, "traceback": tb},
                      st.one_of(st.text(max_size=10), children), st.one_of(st.text(max_size=10), children),
                      st.one_of(st.none(), st.text(max_size=10), children))
    return st.lists(st.one_of(good, error, children), max_size=6)


replies_json = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"status": st.one_of(st.sampled_from(["ok", "ready", "compile_error", "import_error", "bad_value", "memory",
                                              "bad_request"]), json_values)},
        optional={"results": st.one_of(_results(st.one_of(json_values, deep_values)), json_values),
                  "values": st.one_of(st.lists(st.one_of(st.floats(), st.integers(), json_values), max_size=5),
                                      json_values),
                  "error": st.one_of(_results(json_values).map(lambda r: r[0] if r else {}), json_values),
                  "out_of_budget": json_values, "error_type": json_values, "traceback": json_values,
                  "python": json_values, "limit": json_values, "id": json_values, "extra": json_values},
    ),
)


def _only_bad_reply(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except replies.BadReply as bad:
        assert bad.verdict is Verdict.RUNTIME_ERROR and bad.message
        return None


# -- the fuzzing ------------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(json_values, deep_values))
def test_decode_value_raises_only_bad_reply(raw: Any) -> None:
    value = _only_bad_reply(replies.decode_value, raw)
    # What comes out is safe for everything downstream: comparing, showing, hashing keys.
    values.equal(value, value)
    assert isinstance(values.show(value), str)


@settings(max_examples=50, deadline=None, database=None)
@given(st.integers(0, 20_000), st.sampled_from(["list", "tuple", "dict", "set"]), json_values)
def test_decode_value_is_bounded_however_deep(depth: int, kind: str, leaf: Any) -> None:
    raw = _nest(depth, kind, leaf)
    value = _only_bad_reply(replies.decode_value, raw)
    # What comes out is safe for everything downstream: comparing, showing, hashing keys.
    values.equal(value, value)
    assert isinstance(values.show(value), str)


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(big_values)
def test_decode_value_bounds_size(raw: Any) -> None:
    _only_bad_reply(replies.decode_value, raw)


@FUZZ
@given(replies_json, st.sampled_from(["load", "run", "measure", "probe", ""]), st.integers(0, 8))
def test_every_reply_reader_raises_only_bad_reply(raw: Any, op: str, steps: int) -> None:
    checked = _only_bad_reply(replies.check, op, raw)
    if checked is not None:
        # A checked reply is the shape the judge's code reads without looking again.
        assert checked["status"] in ("ok", "ready", "compile_error", "import_error")
        for name in ("error", "error_type", "traceback", "python", "limit"):
            if op == "load" and name in checked:
                assert isinstance(checked[name], str)
    if isinstance(raw, dict):
        results = _only_bad_reply(replies.step_results, raw, steps)
        if results is not None:
            assert len(results) <= steps
            assert len(results) == steps or not results[-1].ok
            for r in results:
                values.show(r.value)
        result = _only_bad_reply(replies.measured, raw)
        if result is not None:
            assert all(math.isfinite(v) and v >= 0 for v in result.values)


@FUZZ
@given(replies_json)
def test_replies_survive_the_wire(raw: Any) -> None:
    """The same through real JSON text, as the reader thread gets it (huge ints cannot be parsed
    back: that is the harness's problem to avoid, and the reader's ValueError is a forgery)."""
    try:
        line = json.dumps(raw).encode() + b"\n"
    except (ValueError, RecursionError):
        return
    import io

    try:
        message = protocol.read_message(io.BytesIO(line))
    except ValueError:
        return  # the runner reports a malformed line as the submission writing into the channel
    if message is not None:
        _only_bad_reply(replies.check, "run", message)
        _only_bad_reply(replies.step_results, message, 3)


# -- what the harness encodes, the judge decodes ----------------------------------------------------

python_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10),
              st.decimals(allow_nan=False, allow_infinity=False), st.fractions()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.lists(children, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.integers(), st.text(max_size=5)), children, max_size=4),
        st.frozensets(st.one_of(st.integers(), st.text(max_size=5)), max_size=4)),
    max_leaves=20,
)


@FUZZ
@given(python_values)
def test_harness_encoding_round_trips(value: Any) -> None:
    wire = json.loads(json.dumps(protocol.encode_value(value)))
    assert replies.decode_value(wire) == value


@pytest.mark.parametrize(("value", "said"), [
    (10**5000, "an int with 5,001 digits"),
    ([1, [2, 10**4500]], "a list holding an int with 4,501 digits"),
    ("x" * (protocol.MAX_CHARS + 1), f"a string of {protocol.MAX_CHARS + 1:,} characters"),
    ([0] * (protocol.MAX_ITEMS + 1), f"a list of {protocol.MAX_ITEMS + 1:,} elements"),
    (_nest(200, "list"), f"a list holding a value nested more than {protocol.MAX_DEPTH} deep"),
    ([[0] * 10_000] * 101, f"a list holding a value of more than {protocol.MAX_NODES:,} elements"),
], ids=["int", "nested-int", "str", "list", "depth", "nodes"])
def test_a_value_too_large_is_described_by_harness_and_judge(value: Any, said: str) -> None:
    """The harness describes it ($unfit) instead of failing the reply; the judge's own bounds give
    the same words for a forged wire form that skipped the harness."""
    wire = json.loads(json.dumps(protocol.encode_value(value)))
    with pytest.raises(replies.BadValue) as caught:
        replies.decode_value(wire)
    assert caught.value.description == said


def test_an_object_posing_as_bool_is_sent_as_what_it_is() -> None:
    class PosingAsBool:
        __class__ = property(lambda self: bool)

        def __repr__(self) -> str:
            return "False"

    fake = PosingAsBool()
    assert isinstance(fake, bool)
    wire = json.loads(json.dumps(protocol.encode_value(fake)))
    decoded = replies.decode_value(wire)
    assert isinstance(decoded, protocol.Opaque) and decoded.type_name == "PosingAsBool"
    assert not values.equal(False, decoded)


def test_subclasses_are_read_without_running_their_methods() -> None:
    class Evil(list):  # type: ignore[type-arg]
        def __iter__(self) -> Any:
            raise RuntimeError("ran the submission's __iter__")

    class Loud(int):
        def __int__(self) -> int:
            raise RuntimeError("ran the submission's __int__")

        def __repr__(self) -> str:
            raise RuntimeError("ran the submission's __repr__")

    wire = json.loads(json.dumps(protocol.encode_value(Evil([1, Loud(2)]))))
    assert replies.decode_value(wire) == [1, 2]


# -- the reply shapes -------------------------------------------------------------------------------


def test_bad_reply_is_the_submissions_runtime_error() -> None:
    bad = replies.BadReply("the reply did not match the protocol")
    assert bad.verdict is Verdict.RUNTIME_ERROR and str(bad) == "the reply did not match the protocol"


@pytest.mark.parametrize(("reply", "steps", "said"), [
    ({"status": "ok", "results": []}, 3, "0 results for a case of 3 calls"),
    ({"status": "ok", "results": [{"ok": True}]}, 3, "1 result for a case of 3 calls, the last not an error"),
    ({"status": "ok", "results": [{"ok": True}] * 4}, 3, "4 results for a case of 3 calls"),
    ({"status": "ok", "results": [{"ok": "yes"}]}, 1, "ok is a string, not a boolean"),
    ({"status": "ok", "results": [{"ok": False, "error_type": 5}]}, 1, "error_type is a number, not a string"),
    ({"status": "ok", "results": [{"ok": False, "error_type": "E"}, {"ok": True}]}, 2, "results after a call"),
    ({"status": "ok", "results": 7}, 1, "results is a number, not a list"),
    ({"status": "ok"}, 1, "results is null"),
    ({"status": "ready"}, 1, "status 'ready'"),
    ({"status": "ok", "results": [{"ok": True, "value": {"a": 1}}]}, 1, "not one of the protocol's tagged"),
    ({"status": "ok", "results": [{"ok": True, "value": {"$dec": "x"}}]}, 1, "$dec is not a decimal number"),
    ({"status": "ok", "results": [{"ok": True, "value": {"$frac": [1, 0]}}]}, 1, "zero denominator"),
])
def test_malformed_run_replies_name_the_mismatch(reply: dict[str, Any], steps: int, said: str) -> None:
    with pytest.raises(replies.BadReply) as caught:
        replies.step_results(reply, steps)
    assert "the reply did not match the protocol" in caught.value.message
    assert said in caught.value.message


def test_bad_value_is_the_submissions_doing() -> None:
    with pytest.raises(replies.BadReply) as caught:
        replies.check("run", {"status": "bad_value", "error": "TypeError: no"})
    assert caught.value.message == "returned a value that cannot be sent to the judge (TypeError: no)"
    assert caught.value.verdict is Verdict.RUNTIME_ERROR


def test_text_fields_are_bounded_and_printable() -> None:
    checked = replies.check("load", {"status": "import_error", "error_type": "E" * 10_000,
                                     "error": "\ud800 lone", "traceback": "t" * 10**6, "extra": 1})
    assert len(checked["error_type"]) == replies.MAX_NAME
    assert len(checked["traceback"]) == replies.MAX_TEXT
    assert checked["error"] == "\\ud800 lone"
    assert "extra" not in checked
    json.dumps(checked).encode()  # no lone surrogate left to break an encoder


def test_decoded_step_values() -> None:
    results = replies.step_results({"status": "ok", "results": [
        {"ok": True, "value": None}, {"ok": True, "value": {"$tuple": [1, {"$dec": "2.5"}]}},
        {"ok": True, "value": {"$unfit": "digits", "n": 5001, "$type": "int"}},
        {"ok": False, "error_type": "KeyError", "error": "7", "traceback": "tb"}]}, 4)
    assert results[1].value == (1, Decimal("2.5"))
    assert isinstance(results[2].value, protocol.Unfit) and results[2].value.text == "an int with 5,001 digits"
    assert values.show(results[2].value) == "an int with 5,001 digits"
    assert not values.equal(results[2].value, results[2].value)
    assert (results[3].ok, results[3].error_type, results[3].error) == (False, "KeyError", "7")


@pytest.mark.parametrize(("reply", "said"), [
    ({"status": "ok", "values": ["x"]}, "a measurement is a string"),
    ({"status": "ok", "values": [1.0], "cpu_ns": -5}, "cpu_ns is a number, not a duration"),
    ({"status": "ok", "values": [float("nan")]}, "a measurement of nan"),
    ({"status": "ok", "values": [10**5000]}, "a measurement of inf"),
    ({"status": "ok", "values": 3}, "values is a number"),
    ({"status": "ok", "error": {"ok": False, "error_type": ["x"]}}, "error_type is a list"),
    ({"status": "ok", "error": {"ok": True}}, "a measurement error that is not an error"),
    ({"status": "ok", "out_of_budget": "yes"}, "out_of_budget is not a boolean"),
])
def test_measure_replies_are_checked(reply: dict[str, Any], said: str) -> None:
    with pytest.raises(replies.BadReply) as caught:
        replies.measured(reply)
    assert said in caught.value.message


# -- wired into the judging code, with a worker that forges ------------------------------------------


class _Forger:
    """A Worker whose every reply is the given one (with the request's wire form checked)."""

    def __init__(self, reply: dict[str, Any]) -> None:
        self.reply, self.limits, self.start_seconds = reply, Limits(), 0.0

    def request(self, message: dict[str, Any], timeout: float | None = None, what: str = "") -> dict[str, Any]:
        json.dumps(message)
        return self.reply


def test_case_checker_turns_a_forged_reply_into_a_runtime_error() -> None:
    checker = CaseChecker(problems.load("orderbook"), _Forger({"status": "ok", "results": []}))  # type: ignore[arg-type]
    with pytest.raises(Fatal) as caught:
        checker.check([["new", []], ["best_bid", []]])
    failure = caught.value.failure
    assert failure.verdict is Verdict.RUNTIME_ERROR
    assert failure.message == ("the reply did not match the protocol (0 results for a case of 2 calls) "
                               "while running a case of 2 calls")


def test_case_checker_fails_a_deep_value_as_a_wrong_answer() -> None:
    deep = json.loads("[" * 950 + "]" * 950)
    reply = {"status": "ok", "results": [{"ok": True, "value": None}, {"ok": True, "value": deep}]}
    checker = CaseChecker(problems.load("orderbook"), _Forger(reply))  # type: ignore[arg-type]
    with pytest.raises(CaseFailed) as caught:
        checker.check([["new", []], ["best_bid", []]])
    assert caught.value.index == 1 and isinstance(caught.value.got.value, protocol.Unfit)


def test_profiling_turns_a_forged_measurement_into_a_runtime_error() -> None:
    forger = _Forger({"status": "ok", "values": ["fast"]})
    with pytest.raises(replies.BadReply) as caught:
        profiling._values(forger, {"op": "probe", "n": 10}, 1.0, "measuring the yardstick")  # type: ignore[arg-type]
    assert caught.value.message == ("the reply did not match the protocol (a measurement is a string, not a "
                                    "number) while measuring the yardstick")


@pytest.mark.parametrize(("attack", "said"), [
    ("big_int.py", "returned an int with 5,001 digits"),
    ("deep_value.py", f"returned a list holding a value nested more than {protocol.MAX_DEPTH} deep"),
    ("huge_list.py", "returned a list of 200,000 elements"),
])
def test_unfit_values_fail_as_shrunk_wrong_answers_in_process(attack: str, said: str) -> None:
    problem = problems.load("orderbook")
    with InProcessWorker(ATTACKS / attack, problem.meta.entry.model_dump()) as worker:
        assert worker.start()["status"] == "ready"
        outcome = run_suite(problem, worker, seed=1, max_examples=5, remembered=[])
    assert outcome.verdict is Verdict.WRONG_ANSWER
    assert said in outcome.message
    assert outcome.counterexample is not None and outcome.counterexample.steps == 2


def test_fraction_and_decimal_edge_values() -> None:
    assert replies.decode_value({"$frac": [3, -6]}) == Fraction(-1, 2)
    assert replies.decode_value({"$dec": "sNaN"}).is_nan()
    assert replies.decode_value({"$set": [[1], 2]}) == frozenset({2})  # an unhashable member is dropped
    assert replies.decode_value({"$dict": [[[1], 2]]}) == {"[1]": 2}
