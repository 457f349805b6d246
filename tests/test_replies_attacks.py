"""The attacks on the judge's replies (tests/attacks_replies/), judged through a real sandbox.

Each gets the submission's verdict with a message naming what it did, never internal_error and
never a judge crash; a value it returned is a wrong answer shrunk like any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge import protocol, sandbox
from judge.judging import Options, judge_file
from judge.models import Verdict

ATTACKS = Path(__file__).resolve().parent / "attacks_replies"
LIMITS = {"call_seconds": 2, "wall_seconds": 10, "cpu_seconds": 5, "memory_mb": 256}
PROTOCOL = "the reply did not match the protocol"

EXPECTED: dict[str, tuple[Verdict, str]] = {
    "big_int": (Verdict.WRONG_ANSWER, "returned an int with 5,001 digits"),
    "fake_bool": (Verdict.WRONG_ANSWER, "ob.cancel(1) returned a wrong value"),
    "deep_value": (Verdict.WRONG_ANSWER, f"returned a list holding a value nested more than {protocol.MAX_DEPTH} deep"),
    "huge_list": (Verdict.WRONG_ANSWER, "returned a list of 200,000 elements"),
    "forged_deep_value": (Verdict.WRONG_ANSWER,
                          f"returned a list holding a value nested more than {protocol.MAX_DEPTH} deep"),
    "forged_empty_reply": (Verdict.RUNTIME_ERROR, f"{PROTOCOL} (0 results for a case of"),
    "forged_wrong_types": (Verdict.RUNTIME_ERROR, f"{PROTOCOL} (a step result's ok is a string, not a boolean)"),
    "forged_load_reply": (Verdict.RUNTIME_ERROR,
                          f"{PROTOCOL} (error_type is an object, not a string) while loading your file"),
    "replace_json_dumps": (Verdict.WRONG_ANSWER, "returned a wrong value"),  # the harness is immune to it
    "replace_protocol_dumps": (Verdict.RUNTIME_ERROR, f"{PROTOCOL} (0 results for a case of"),
    "unencodable_reply": (Verdict.RUNTIME_ERROR,
                          "returned a value that cannot be sent to the judge (TypeError: Object of type object"),
}

# Docker's cases carry the `docker` marker, so `-m "not docker"` leaves them out.
BACKENDS = [pytest.param(name, marks=[pytest.mark.docker] if name == "docker" else [])
            for name, backend in sandbox.BACKENDS.items() if backend.availability().ok]
pytestmark = pytest.mark.sandbox


def test_every_attack_has_an_expectation() -> None:
    assert {p.stem for p in ATTACKS.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("attack", sorted(EXPECTED))
def test_attack_is_the_submissions_fault(attack: str, backend: str) -> None:
    report = judge_file("orderbook", ATTACKS / f"{attack}.py",
                        Options(sandbox=backend, seed=1, quick=True, limits=LIMITS, remember_failures=False))
    verdict, said = EXPECTED[attack]
    detail = f"{report.verdict}: {report.message}\n{report.stderr[-2000:]}"
    assert report.verdict is verdict, detail
    assert said in report.message, detail
    if verdict is Verdict.WRONG_ANSWER:  # found and shrunk like any wrong answer
        assert report.counterexample is not None and report.counterexample.steps <= 3, detail
