"""Timings the submission cannot forge (issue 11, requirement 4), through the real sandbox.

The submission runs in the harness's process, so it can replace any clock there. Two attacks on an
order book whose cancel is O(L) (tests/forgery/):
- patch_time_module.py replaces time.perf_counter, thread_time_ns and friends: the harness bound its
  own clock before the submission was imported, so the O(L) cancel is still measured and fails;
- patch_harness_clock.py finds the harness's own clock and replaces it, so every batch reads 1 us:
  the judge's reading of the sandbox's CPU time from outside disagrees, and the time checks fail
  with "the timing could not be trusted".
Neither verdict depends on how loaded the machine is: the O(L) cancel grows x30 or more between the
sizes measured, and the forged clock reports ~0 s against a tenth of a second or more.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.judging import Options, judge_file
from judge.models import Verdict

FORGERY = Path(__file__).parent / "forgery"


@pytest.mark.sandbox
@pytest.mark.slow
def test_patching_the_time_module_does_not_hide_a_linear_cancel() -> None:
    report = judge_file("orderbook", FORGERY / "patch_time_module.py", Options(seed=3, remember_failures=False))
    assert report.verdict == Verdict.COMPLEXITY_FAILED, report.message
    cancel = next(r for r in report.complexity if r.name == "cancel")
    assert not cancel.passed and cancel.observed in ("O(n)", "O(n log n)", "O(n^2)"), cancel.detail


@pytest.mark.sandbox
@pytest.mark.slow
def test_replacing_the_harness_clock_is_not_trusted() -> None:
    report = judge_file("orderbook", FORGERY / "patch_harness_clock.py", Options(seed=3, remember_failures=False))
    assert report.verdict == Verdict.COMPLEXITY_FAILED, report.message
    timed = [r for r in report.complexity if r.metric == "time"]
    assert timed and all(r.observed == "untrusted timing" and not r.passed for r in timed), timed
    assert "could not be trusted" in timed[0].detail


@pytest.mark.sandbox
@pytest.mark.slow
def test_the_same_book_unpatched_fails_too() -> None:
    """The control: without any patch the book fails on its own, so the tests above test the patches."""
    report = judge_file("orderbook", FORGERY / "linear_book.py", Options(seed=3, remember_failures=False))
    assert report.verdict == Verdict.COMPLEXITY_FAILED, report.message
