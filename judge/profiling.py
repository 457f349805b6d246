"""Measuring how each checked operation's cost grows, through the same sandboxed runner as the tests.

One growing state serves every check of a problem: at each size the harness times a batch of each
operation `repeat` times and keeps the minimum (the least disturbed run is the truest), plus a
yardstick (`probe`: the cheapest O(n) step there is) measured at the same moment. A check that looks
over its bound is measured again, from a fresh state, before it may fail.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from judge import complexity, protocol, replies
from judge.models import ComplexityRow, Verdict
from judge.problems import ComplexityCheck, ComplexitySettings, Problem
from judge.sandbox.base import SandboxFailure
from judge.suite import Workload
from judge.worker import Worker

_CHUNK = 5000  # setup steps per request: cheap to send, small enough to check the budget between


_wire = protocol.encode_steps


class _OutOfBudget(Exception):
    pass


def _values(runner: Worker, message: dict[str, Any], timeout: float, what: str) -> list[float]:
    reply = runner.request(message, timeout=timeout, what=what)
    try:  # the submission's data: a forged reply is its runtime_error (BadReply), never a crash
        result = replies.measured(reply)
    except replies.BadReply as bad:
        raise replies.BadReply(f"{bad.message} while {what}") from None
    if result.out_of_budget:
        raise _OutOfBudget
    if result.error is not None:
        error = result.error
        raise SandboxFailure(
            Verdict.RUNTIME_ERROR,
            f"{error.error_type}: {error.error} while {what}\n{error.traceback or ''}",
        )
    return result.values


@dataclass
class Series:
    sizes: list[int] = field(default_factory=list)
    costs: dict[str, list[float]] = field(default_factory=dict)
    probe: list[float] = field(default_factory=list)
    out_of_budget: bool = False


def measure(
    runner: Worker, settings: ComplexitySettings, checks: list[ComplexityCheck], workload: Workload, seed: int
) -> Series:
    rng = random.Random(seed)
    began = time.monotonic()
    series = Series(costs={c.name: [] for c in checks})
    call_limit = runner.limits.call_seconds

    def left() -> float:
        return settings.budget_seconds - (time.monotonic() - began)

    _values(runner, {"op": "measure", "setup": _wire(workload.start()), "timed": [], "repeat": 0}, call_limit,
            "starting the complexity checks")
    size = 0
    for target in settings.sizes:
        grow = workload.grow(size, target)
        for i in range(0, len(grow), _CHUNK):
            if left() <= 0:
                series.out_of_budget = True
                return series
            try:
                chunk = _wire(grow[i : i + _CHUNK])
                _values(runner, {"op": "measure", "setup": chunk, "timed": [], "repeat": 0,
                                 "budget": max(left(), 0.1)},
                        max(left(), 1.0) + call_limit, f"building a state of size {target:,}")
            except _OutOfBudget:
                series.out_of_budget = True
                return series
        size = target
        for check in checks:
            samples: list[float] = []
            for _ in range(settings.repeat):
                prepare, timed, undo = workload.sample(check.name, size, check.batch, rng)
                values = _values(
                    runner,
                    {"op": "measure", "setup": _wire(prepare), "timed": _wire(timed), "undo": _wire(undo),
                     "repeat": 1, "metric": check.metric},
                    call_limit, f"timing {check.name} at size {size:,}",
                )
                samples += values
            # Time: the least disturbed run is the truest. Memory: a list that happens not to
            # reallocate inside one batch retains 0 bytes, so the median, not the minimum, is honest.
            cost = statistics.median(samples) if check.metric == "memory" else min(samples)
            series.costs[check.name].append(cost)
        series.probe += _values(runner, {"op": "probe", "n": size, "repeat": settings.repeat}, call_limit,
                                f"measuring the yardstick at size {size:,}")
        series.sizes.append(size)
    return series


def _merge(a: Series, b: Series) -> Series:
    """Element-wise minimum over rounds, on the sizes both reached."""
    n = min(len(a.sizes), len(b.sizes))
    return Series(
        sizes=a.sizes[:n],
        costs={k: [min(x, y) for x, y in zip(a.costs[k][:n], b.costs[k][:n], strict=True)] for k in b.costs},
        probe=[min(x, y) for x, y in zip(a.probe[:n], b.probe[:n], strict=True)],
        out_of_budget=a.out_of_budget and b.out_of_budget,
    )


def _row(check: ComplexityCheck, series: Series, budget: float) -> ComplexityRow:
    sizes, costs = series.sizes, series.costs[check.name][: len(series.sizes)]
    base = {"name": check.name, "description": check.description, "metric": check.metric,
            "expected": check.expected, "sizes": sizes, "values": costs}
    if len(sizes) < 3:
        return ComplexityRow(
            **base, observed="too slow to measure", passed=False,
            detail=f"the {budget:g} s budget ran out after {len(sizes)} size(s): "
            f"far slower than {check.expected}",
        )
    if check.metric == "memory":
        fit = complexity.classify_memory(sizes, costs, check.expected)
    else:
        fit = complexity.classify(sizes, costs, check.expected, yardstick=series.probe)
    return ComplexityRow(
        **base, observed=fit.observed, passed=fit.passed, determined=fit.determined,
        ratio=round(fit.ratio, 3) if fit.ratio else None, detail=fit.detail,
    )


def _doubtful(check: ComplexityCheck, row: ComplexityRow, sizes: list[int]) -> bool:
    """Failed, or undetermined while growing more than the bound allows: one disturbed size (another
    process evicting the caches) can spoil the fit of a really slow operation, so measure again and
    keep the minima rather than let it pass."""
    if not row.passed:
        return True
    if row.determined or not row.ratio or check.metric != "time":
        return False
    g = complexity.CLASSES[check.expected]
    return row.ratio > g(sizes[-1]) / g(sizes[0]) * complexity.GROWTH_MARGIN


def run_checks(
    runner: Worker, problem: Problem, seed: int, progress: Callable[[str, int, int], None] | None = None
) -> list[ComplexityRow]:
    settings = problem.meta.complexity
    if settings is None:
        return []
    factory: Callable[[], Workload] = problem.suite.WORKLOAD
    if progress:
        progress("complexity", 0, 2)
    series = measure(runner, settings, settings.checks, factory(), seed)
    rows = [_row(c, series, settings.budget_seconds) for c in settings.checks]
    failing = [c for c, r in zip(settings.checks, rows, strict=True) if _doubtful(c, r, settings.sizes)]
    if failing:  # a failing or suspicious result needs a second opinion, from a fresh state and seed
        if progress:
            progress("complexity (re-measuring)", 1, 2)
        again = None
        if series.sizes:
            again = _merge(series, measure(runner, settings, failing, factory(), seed + 1))
        if again is not None:
            redone = {c.name: _row(c, again, settings.budget_seconds) for c in failing}
            rows = [redone.get(r.name, r) for r in rows]
    return rows
