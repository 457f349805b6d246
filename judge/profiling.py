"""Measuring how each checked operation's cost grows, through the same sandboxed runner as the tests.

How the figures are made stable on a busy machine (docs: judge/complexity.py for the decision):

- One live state per size (harness "slots"), built once; then the sizes are visited in ROUNDS, in a
  shuffled order each round, every check and the yardstick timed at every size within a few
  milliseconds. A burst of load spoils one round, not one size, and the decision is taken on ratios
  inside a round and the median over rounds (as pyperf and Google Benchmark repeat whole runs
  rather than trust one long one).
- The harness times with its thread's CPU time (CLOCK_THREAD_CPUTIME_ID): time spent waiting for a
  core while a neighbour runs is not counted; cache misses a neighbour causes still are, and the
  same-round ratios and the yardstick are what absorb those.
- Each timed batch is calibrated (on the largest state) to last about BATCH_SECONDS, far above the
  clock's resolution and cost, within [MIN_BATCH, the check's batch]: a slow operation is timed on a
  few calls rather than for seconds.
- Next to the linear yardstick, a creep gauge: random dict lookups among n keys, O(1), so all its
  growth is the caches'. An operation's growth is judged beyond what the bound AND the machine's
  current creep allow (complexity.decide).
- Within a round each check is timed REPS times (fresh arguments each time) and the minimum is kept:
  the least disturbed batch is the truest.
- Rounds first `settings.rounds`; if any check cannot be decided or fails on the yardstick rather
  than on a clear excess, `settings.extra_rounds` more on the same states (cheap: nothing is
  rebuilt) before the decision is final.
- The harness reports its own CPU time for each request; the judge reads the sandbox's CPU time from
  outside around the same request (`worker.cpu_seconds()`), and the two must agree
  (complexity.untrusted_timing). A submission that replaces the clock inside the sandbox fails its
  time checks with "timing could not be trusted".

Verdict for undetermined rows: after the extra rounds, a row that is still undetermined passes
(determined=False, the detail says to rerun): the judge fails a solution only on clear evidence, and
the report says when it could not decide.
"""

from __future__ import annotations

import base64
import itertools
import json
import random
import statistics
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from judge import complexity, protocol, replies
from judge.models import ComplexityRow, Verdict
from judge.problems import ComplexityCheck, ComplexitySettings, Problem
from judge.sandbox.base import SandboxFailure
from judge.suite import Step, Workload
from judge.worker import Worker

_CHUNK = 5000  # setup steps per request: few round trips, small enough to check the budget between
BATCH_SECONDS = 0.002  # target duration of one timed batch on the largest state
MIN_BATCH = 3
CALIBRATION_BATCH = 3
REPS = 2  # timed batches per check per size per round; the minimum is kept
YARDSTICK_BATCH = 100
LOOKUP_BATCH = 400  # dict lookups are ~50 ns: 400 make a batch of ~20 us, far above the clock's resolution
DRIFT = 0.2  # a state that grew more than this share beyond its size (operations that cannot be undone) is rebuilt
MIN_ROUNDS = 3  # fewer than this (budget ran out) and a time check cannot be judged
WALL_FACTOR = 3.0  # the budget is CPU time; wall time may take this many times longer (a busy machine)

_PLAIN = (int, str, float, type(None))  # JSON carries these as they are (bool is an int: see _column)


def columns(steps: list[Step]) -> dict[str, Any]:
    """Steps in the harness's column form (harness._steps): runs of calls to the same name sent
    column by column, a constant column once, consecutive integers as differences. A state of 100k
    orders goes in a fifth of the bytes and without encoding 400k values one by one."""
    runs: list[tuple[str, list[list[Any]]]] = []
    for name, args in steps:
        if runs and runs[-1][0] == name and len(runs[-1][1][0]) == len(args):
            runs[-1][1].append(args)
        else:
            runs.append((name, [args]))
    return {"columns": [[name, len(rows), [_column(list(col)) for col in zip(*rows, strict=True)]]
                        for name, rows in runs]}


def _column(values: list[Any]) -> dict[str, Any]:
    if not all(type(v) in _PLAIN for v in values):  # bools, tuples, Decimals...: tagged one by one
        return {"v": [protocol.encode_value(v) for v in values]}
    first = values[0]
    if all(v == first and type(v) is type(first) for v in values):
        return {"k": first}
    if all(type(v) is int for v in values):
        return {"d": [values[0]] + [b - a for a, b in itertools.pairwise(values)]}
    return {"v": values}


def pack(body: dict[str, Any]) -> str:
    """A request body compressed for the pipe (harness._unpack)."""
    return base64.b64encode(zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 6)).decode()


class _OutOfBudget(Exception):
    pass


def _values(runner: Worker, message: dict[str, Any], timeout: float, what: str) -> dict[str, Any]:
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
    return {"values": result.values, "cpu_ns": result.cpu_ns}


@dataclass
class Measurements:
    sizes: list[int]
    built: int = 0  # states built (a prefix of sizes); fewer than all = the budget ran out
    costs: dict[str, list[list[float]]] = field(default_factory=dict)  # check -> rounds -> per size
    yardstick: list[list[float]] = field(default_factory=list)  # rounds -> per size
    lookups: list[list[float]] = field(default_factory=list)  # rounds -> per size: the creep gauge
    memory: dict[str, list[float]] = field(default_factory=dict)  # check -> per size
    inside: list[float] = field(default_factory=list)  # CPU s the harness reported, per size
    outside: list[float] = field(default_factory=list)  # CPU s read from outside, per size
    requests: list[int] = field(default_factory=list)
    cross_checked: bool = True
    out_of_budget: bool = False

    @property
    def rounds(self) -> int:
        return len(self.yardstick)


class Session:
    """The states of one complexity run, kept alive for as many rounds as the decision needs."""

    def __init__(self, runner: Worker, settings: ComplexitySettings, factory: Callable[[], Workload],
                 seed: int) -> None:
        self.runner, self.settings, self.factory = runner, settings, factory
        self.rng = random.Random(seed)
        self.began = time.monotonic()
        self.cpu_began = runner.cpu_seconds()
        self.sizes = list(settings.sizes)
        self.workloads: list[Workload] = []
        self.drift: list[int] = []
        self.batches: dict[str, int] = {}
        self.data = Measurements(sizes=self.sizes, inside=[0.0] * len(self.sizes),
                                 outside=[0.0] * len(self.sizes), requests=[0] * len(self.sizes))

    def left(self) -> float:
        """Budget left, in the sandbox's CPU seconds where they can be read from outside: the time a
        busy machine keeps the sandbox waiting is not the submission's, and a wall-clock budget ran
        out for correct solutions under load. Wall time is still capped, at WALL_FACTOR x the budget,
        so that the wait stays bounded on any machine."""
        budget = self.settings.budget_seconds
        wall_left = WALL_FACTOR * budget - (time.monotonic() - self.began)
        now = self.runner.cpu_seconds() if self.cpu_began is not None else None
        if now is None or self.cpu_began is None:
            return min(budget - (time.monotonic() - self.began), wall_left)
        return min(budget - (now - self.cpu_began), wall_left)

    def _send(self, message: dict[str, Any], what: str) -> dict[str, Any]:
        wall_left = WALL_FACTOR * self.settings.budget_seconds - (time.monotonic() - self.began)
        return _values(self.runner, message, max(wall_left, 1.0) + self.runner.limits.call_seconds, what)

    def _setup(self, slot: int | str, steps: list[Step], what: str) -> None:
        if not steps:
            return
        began = self.runner.cpu_seconds()
        for i in range(0, len(steps), _CHUNK):
            left = self.left()
            now = self.runner.cpu_seconds()
            if i and began is not None and now is not None:
                # Calls only get dearer as the state grows: at the rate so far, would the rest fit?
                # If not, the budget would run out anyway; say so now rather than after it has.
                left -= (now - began) / i * (len(steps) - i)
            if left <= 0:
                raise _OutOfBudget
            self._send({"op": "measure", "slot": slot, "budget": max(self.left(), 0.1),
                        "packed": pack({"setup": columns(steps[i : i + _CHUNK])})}, what)

    def build(self) -> None:
        """One state per size, smallest first, so a solution too slow for the budget still leaves
        the sizes it reached."""
        for i, size in enumerate(self.sizes):
            workload = self.factory()
            try:
                self._setup(i, [*workload.start(), *workload.grow(0, size)], f"building a state of size {size:,}")
            except _OutOfBudget:
                self.data.out_of_budget = True
                return
            self.workloads.append(workload)
            self.drift.append(0)
            self.data.built = i + 1

    def _item(self, i: int, check: ComplexityCheck, batch: int) -> dict[str, Any]:
        workload = self.workloads[i]
        prepare, timed, undo = workload.sample(check.name, self.sizes[i], batch, self.rng)
        self.drift[i] += workload.growth(check.name, batch)
        return {"prepare": columns(prepare), "timed": columns(timed), "undo": columns(undo), "metric": check.metric}

    def calibrate(self, checks: list[ComplexityCheck]) -> None:
        """Batch sizes from a few calls on the largest state: ~BATCH_SECONDS per timed batch."""
        last = len(self.sizes) - 1
        items = [self._item(last, c, min(CALIBRATION_BATCH, c.batch)) for c in checks]
        before = self.runner.cpu_seconds()
        reply = self._send({"op": "measure", "slot": last, "packed": pack({"items": items})},
                           f"calibrating at size {self.sizes[last]:,}")
        self._account(last, reply, before, self.runner.cpu_seconds())
        for check, cost in zip(checks, reply.get("values", []), strict=False):
            wanted = int(BATCH_SECONDS / cost) if cost > 0 else check.batch
            self.batches[check.name] = max(min(MIN_BATCH, check.batch), min(check.batch, wanted))
        self._rebuild_drifted()

    def _rebuild_drifted(self) -> None:
        for i, size in enumerate(self.sizes[: self.data.built]):
            if self.drift[i] > DRIFT * size:
                self.workloads[i] = self.factory()
                self.drift[i] = 0
                self._setup(i, [*self.workloads[i].start(), *self.workloads[i].grow(0, size)],
                            f"rebuilding the state of size {size:,}")

    def run_rounds(self, checks: list[ComplexityCheck], count: int,
                   progress: Callable[[int], None] | None = None) -> None:
        for check in checks:
            self.data.costs.setdefault(check.name, [])
        for _ in range(count):
            if self.left() <= 0:
                self.data.out_of_budget = True
                return
            per_size: dict[str, list[float]] = {c.name: [0.0] * len(self.sizes) for c in checks}
            yard = [0.0] * len(self.sizes)
            gauge = [0.0] * len(self.sizes)
            order = list(range(len(self.sizes)))
            self.rng.shuffle(order)
            for i in order:
                items = []
                for _ in range(REPS):
                    items += [self._item(i, c, self.batches[c.name]) for c in checks]
                    items.append({"probe": self.sizes[i], "batch": YARDSTICK_BATCH})
                    items.append({"probe": self.sizes[i], "batch": LOOKUP_BATCH, "kind": "lookup"})
                before = self.runner.cpu_seconds()
                reply = self._send({"op": "measure", "slot": i, "packed": pack({"items": items})},
                                   f"timing the operations at size {self.sizes[i]:,}")
                after = self.runner.cpu_seconds()
                self._account(i, reply, before, after)
                values = [float(v) for v in reply.get("values", [])]
                stride = len(checks) + 2
                for k, check in enumerate(checks):
                    per_size[check.name][i] = min(values[k::stride] or [0.0])
                yard[i] = min(values[len(checks)::stride] or [0.0])
                gauge[i] = min(values[len(checks) + 1::stride] or [0.0])
            for check in checks:
                self.data.costs[check.name].append(per_size[check.name])
            self.data.yardstick.append(yard)
            self.data.lookups.append(gauge)
            self._rebuild_drifted()
            if progress:
                progress(self.data.rounds)
            if _untrusted(self.data):
                return  # a forged clock: no more rounds of timings known to be false

    def _account(self, i: int, reply: dict[str, Any], before: float | None, after: float | None) -> None:
        inside = reply.get("cpu_ns")
        if before is None or after is None or not isinstance(inside, (int, float)):
            self.data.cross_checked = False
            return
        self.data.inside[i] += float(inside) / 1e9
        self.data.outside[i] += after - before
        self.data.requests[i] += 1

    def weigh(self, checks: list[ComplexityCheck]) -> None:
        """Memory checks: bytes retained, on a scratch state of their own (they may replace it)."""
        workload = self.factory()
        self._setup("memory", workload.start(), "starting the memory checks")
        for check in checks:
            per_size = []
            for n in self.sizes:
                reps = []
                for _ in range(2):
                    prepare, timed, undo = workload.sample(check.name, n, check.batch, self.rng)
                    item = {"prepare": columns(prepare), "timed": columns(timed), "undo": columns(undo),
                            "metric": "memory"}
                    reply = self._send({"op": "measure", "slot": "memory", "packed": pack({"items": [item]})},
                                       f"weighing {check.name}")
                    reps += [float(v) for v in reply.get("values", [])]
                per_size.append(statistics.median(reps) if reps else 0.0)
            self.data.memory[check.name] = per_size


def _needs_more(row: ComplexityRow, data: Measurements, check: ComplexityCheck) -> bool:
    """Undetermined, or failed on less than the clear excess: worth more rounds before it stands."""
    if row.metric != "time" or row.observed in ("too slow to measure", "untrusted timing"):
        return False
    if not row.determined:
        return True
    if row.passed:
        return False
    fit = complexity.decide(data.sizes, data.costs[check.name], check.expected, data.yardstick, data.lookups)
    return fit.excess < complexity.CLEAR_EXCESS


def _time_row(check: ComplexityCheck, data: Measurements, budget: float, untrusted: str | None) -> ComplexityRow:
    sizes = data.sizes[: data.built]
    rounds = data.costs.get(check.name, [])
    values = [statistics.median(r[i] for r in rounds) for i in range(len(sizes))] if rounds else []
    base: dict[str, Any] = {"name": check.name, "description": check.description, "metric": check.metric,
                            "expected": check.expected, "sizes": sizes, "values": values}
    if untrusted:
        return ComplexityRow(**base, observed="untrusted timing", passed=False, determined=True,
                             detail=f"the timing could not be trusted: {untrusted}")
    if data.built < len(data.sizes) or len(rounds) < MIN_ROUNDS:
        where = (f"after building {len(sizes)} of {len(data.sizes)} states (next: n={data.sizes[len(sizes)]:,})"
                 if data.built < len(data.sizes) else f"after {len(rounds)} rounds of timing")
        return ComplexityRow(**base, observed="too slow to measure", passed=False,
                             detail=f"the {budget:g} s budget (sandbox CPU) ran out {where}: far slower than "
                                    f"{check.expected}")
    fit = complexity.decide(sizes, rounds, check.expected, data.yardstick, data.lookups)
    detail = fit.detail
    if not fit.determined:
        detail += "; could not be decided on this machine now: rerun it (a quieter machine helps)"
    elif not data.cross_checked:
        detail += " (not cross-checked: the sandbox's CPU time cannot be read from outside)"
    return ComplexityRow(**base, observed=fit.observed, passed=fit.passed, determined=fit.determined,
                         ratio=round(fit.ratio, 3), detail=detail)


def _memory_row(check: ComplexityCheck, data: Measurements, budget: float) -> ComplexityRow:
    values = data.memory.get(check.name, [])
    if len(values) < len(data.sizes):
        return ComplexityRow(name=check.name, description=check.description, metric=check.metric,
                             expected=check.expected, sizes=data.sizes[: len(values)], values=values,
                             observed="too slow to measure", passed=False,
                             detail=f"the {budget:g} s budget (sandbox CPU) ran out before this memory check was "
                                    "weighed: the state takes far too long to build")
    fit = complexity.classify_memory(data.sizes, values, check.expected)
    return ComplexityRow(name=check.name, description=check.description, metric=check.metric,
                         expected=check.expected, sizes=data.sizes, values=values, observed=fit.observed,
                         passed=fit.passed, determined=fit.determined, detail=fit.detail)


def measure(runner: Worker, settings: ComplexitySettings, factory: Callable[[], Workload], seed: int,
            progress: Callable[[str, int, int], None] | None = None,
            weigh_memory: bool = True) -> tuple[Measurements, list[ComplexityRow]]:
    """Every measurement of a problem's checks, and the rows decided from them."""
    time_checks = [c for c in settings.checks if c.metric == "time"]
    memory_checks = [c for c in settings.checks if c.metric == "memory"] if weigh_memory else []
    session = Session(runner, settings, factory, seed)
    data = session.data
    total = settings.rounds + settings.extra_rounds

    def rounds_done(done: int) -> None:
        if progress:
            progress("complexity", done, total)

    rows: dict[str, ComplexityRow] = {}
    if time_checks:
        session.build()
        if data.built == len(data.sizes):
            try:
                session.calibrate(time_checks)
                # A forged clock makes calibration ask for the largest batches: do not spend the
                # rounds (and the budget) on timings already known to be false.
                if _untrusted(data) is None:
                    session.run_rounds(time_checks, settings.rounds, rounds_done)
            except _OutOfBudget:
                data.out_of_budget = True
        untrusted = _untrusted(data)
        rows = {c.name: _time_row(c, data, settings.budget_seconds, untrusted) for c in time_checks}
        unsure = [c for c in time_checks if _needs_more(rows[c.name], data, c)]
        if unsure and data.built == len(data.sizes) and settings.extra_rounds and not untrusted:
            # A failing or undecided check needs more evidence: more rounds on the same states.
            try:
                session.run_rounds(time_checks, settings.extra_rounds, rounds_done)
            except _OutOfBudget:
                data.out_of_budget = True
            untrusted = _untrusted(data)
            rows = {c.name: _time_row(c, data, settings.budget_seconds, untrusted) for c in time_checks}
    if memory_checks:
        try:
            session.weigh(memory_checks)
        except _OutOfBudget:  # the time checks (or a slow setup) spent the budget: not weighed, named so
            data.out_of_budget = True
        rows.update({c.name: _memory_row(c, data, settings.budget_seconds) for c in memory_checks})
    return data, [rows[c.name] for c in settings.checks if c.name in rows]


def _untrusted(data: Measurements) -> str | None:
    if not data.cross_checked or not any(data.requests):
        return None
    return complexity.untrusted_timing(data.inside, data.outside, data.requests)


def run_checks(
    runner: Worker, problem: Problem, seed: int, progress: Callable[[str, int, int], None] | None = None,
    weigh_memory: bool = True,
) -> list[ComplexityRow]:
    settings = problem.meta.complexity
    if settings is None:
        return []
    factory: Callable[[], Workload] = problem.suite.WORKLOAD
    return measure(runner, settings, factory, seed, progress, weigh_memory)[1]
