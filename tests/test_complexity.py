"""The fitting rules on synthetic series, and the real measurements' stability across runs."""

from __future__ import annotations

import math

import pytest

from judge import complexity
from judge.judging import Options, judge_file

from .conftest import PROBLEMS

SIZES = [1000, 3000, 10000, 30000, 100000]
# The cheapest linear step (memmove of half a list) as measured here: ~0.3 us at 1k, ~6 us at 100k.
YARDSTICK = [0.3e-6 + 0.6e-10 * n for n in SIZES]


def test_flat_costs_are_o1() -> None:
    fit = complexity.classify(SIZES, [1e-6] * 5, "O(log n)", yardstick=YARDSTICK)
    assert fit.observed == "O(1)" and fit.passed and fit.determined


def test_logarithmic_costs_pass_a_log_bound() -> None:
    costs = [0.5e-6 + 0.1e-6 * math.log(n) for n in SIZES]
    fit = complexity.classify(SIZES, costs, "O(log n)", yardstick=YARDSTICK)
    assert fit.passed and fit.observed in ("O(1)", "O(log n)")


def test_cache_creep_is_not_called_linear() -> None:
    # A SortedDict measured here: x2 at 100k from cache misses, ~1 us of growth vs ~6 us of yardstick.
    costs = [1.05e-6, 1.15e-6, 1.1e-6, 1.39e-6, 2.05e-6]
    fit = complexity.classify(SIZES, costs, "O(log n)", yardstick=YARDSTICK)
    assert fit.passed


def test_a_memmove_list_fails_a_log_bound() -> None:
    costs = [0.6e-6 + 0.7e-10 * n for n in SIZES]  # a sorted list: as steep as the yardstick
    fit = complexity.classify(SIZES, costs, "O(log n)", yardstick=YARDSTICK)
    assert not fit.passed and fit.determined and fit.observed == "O(n)"


def test_quadratic_growth_is_named() -> None:
    costs = [1e-9 * n * n / 1000 + 1e-6 for n in SIZES]
    fit = complexity.classify(SIZES, costs, "O(n)")
    assert not fit.passed and fit.observed == "O(n^2)"


def test_small_growth_over_the_bound_is_undetermined_not_failed() -> None:
    costs = [1.0e-6, 1.05e-6, 1.15e-6, 1.3e-6, 1.5e-6]  # grows, but only x1.5
    fit = complexity.classify(SIZES, costs, "O(1)")
    assert fit.passed and not fit.determined


def test_memory_retained_per_call() -> None:
    assert complexity.classify_memory(SIZES, [0.0, 0.0, 0.5, 0.0, 0.0], "O(1)").passed
    fit = complexity.classify_memory(SIZES, [32.0, 32.0, 33.0, 32.0, 32.0], "O(1)")
    assert not fit.passed and fit.observed == "O(n)"


@pytest.mark.sandbox
@pytest.mark.slow
@pytest.mark.parametrize(
    ("sample", "passes"),
    [("accepted/sorteddict.py", True), ("accepted/heap_lazy.py", True),
     ("complexity_failed/sorted_list_insort.py", False)],
)
def test_complexity_verdict_is_stable_across_runs(sample: str, passes: bool) -> None:
    """Same code, same verdict: three runs with different seeds agree."""
    path = PROBLEMS / "orderbook" / "submissions" / sample
    outcomes = []
    for seed in (1, 2, 3):
        report = judge_file("orderbook", path, Options(seed=seed, remember_failures=False))
        outcomes.append(all(row.passed for row in report.complexity))
        assert report.complexity, report.message
    assert outcomes == [passes] * 3
