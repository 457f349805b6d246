"""Failing cases are shrunk to the minimum, and remembered for the next run."""

from __future__ import annotations

from pathlib import Path

from judge.judging import Options, judge_file
from judge.models import Verdict

from .conftest import PROBLEMS

REFERENCE = (PROBLEMS / "orderbook" / "reference.py").read_text()


def _buggy(tmp_path: Path, old: str, new: str) -> Path:
    assert old in REFERENCE
    path = tmp_path / "solution.py"
    path.write_text(REFERENCE.replace(old, new))
    return path


def test_hypothesis_shrinks_a_deep_bug_to_the_minimal_case(tmp_path: Path) -> None:
    # depth() drops the fourth level: no explicit example has four levels, so Hypothesis must find
    # it, and the minimal case is exactly new + 4 submits at distinct prices + one depth call.
    path = _buggy(tmp_path, "if len(out) >= levels:", "if len(out) >= min(levels, 3):")
    report = judge_file("orderbook", path, Options(seed=7, complexity=False))
    assert report.verdict == Verdict.WRONG_ANSWER
    ce = report.counterexample
    assert ce is not None
    assert ce.steps == 6, ce.code
    assert ce.code.splitlines()[0] == "ob = OrderBook()"
    assert ce.code.count("ob.submit(") == 4
    assert "ob.depth(" in ce.code.splitlines()[-1]
    assert "expected" in ce.code.splitlines()[-1]


def test_same_seed_same_counterexample(tmp_path: Path) -> None:
    path = _buggy(tmp_path, "if len(out) >= levels:", "if len(out) >= min(levels, 3):")
    a = judge_file("orderbook", path, Options(seed=11, complexity=False, remember_failures=False))
    b = judge_file("orderbook", path, Options(seed=11, complexity=False, remember_failures=False))
    assert a.counterexample is not None and b.counterexample is not None
    assert a.counterexample.code == b.counterexample.code
    assert a.tests_run == b.tests_run


def test_a_failure_is_tried_first_next_time(tmp_path: Path) -> None:
    path = _buggy(tmp_path, "if len(out) >= levels:", "if len(out) >= min(levels, 3):")
    first = judge_file("orderbook", path, Options(seed=3, complexity=False))
    assert first.verdict == Verdict.WRONG_ANSWER
    second = judge_file("orderbook", path, Options(seed=99, complexity=False))
    assert second.verdict == Verdict.WRONG_ANSWER
    assert "earlier run" in second.message
    assert second.counterexample is not None and second.counterexample.steps == first.counterexample.steps


def test_runtime_error_traceback_shows_only_the_submission(tmp_path: Path) -> None:
    path = _buggy(tmp_path, "        if quantity > 0:\n            levels", "        if quantity > 7:\n"
                  "            raise ValueError('too big')\n        if quantity > 0:\n            levels")
    report = judge_file("orderbook", path, Options(seed=5, complexity=False, remember_failures=False))
    assert report.verdict == Verdict.RUNTIME_ERROR
    ce = report.counterexample
    assert ce is not None and ce.traceback is not None
    assert "ValueError: too big" in ce.traceback
    assert 'File "solution.py"' in ce.traceback
    assert "harness" not in ce.traceback
    assert ce.steps <= 3, ce.code  # new + one submit with quantity 8 (+ at most one more)
