"""Hidden suite for ema part 3: an EMA in time (TimeEMA) for irregular, bursty, gappy ticks.

A case builds one TimeEMA and sends ticks (update) and reads (value) at times that never go back.
The builder draws each gap from the shapes that tell the classic mistakes apart: the same
millisecond (bursts: the value must not move, the held price is replaced), a small fraction of tau,
about tau, many tau (the value settles on the held price) and more than 710 tau, where exp(gap/tau)
overflows a double (the average has long settled: the value is the held price). Reads come before the
first tick too (None).

Floats: every price of a case lies within 5% of one level (2 to 60,000), so each value is a convex
combination of nearby positive numbers and every sound style agrees to a few ulps of the level:
p + (v - p) * a, v * a + p * (1 - a), the decay as exp(-gap / tau), as exp(-1 / tau) ** gap, or
as 0.5 ** (gap / half-life) with the half-life tau * ln 2. The last two lose up to gap * 1e-16 of a
relative to exp(-gap / tau), but a is below 1e-17 by the time that reaches 1e-10: far inside the
relative tolerance of 1e-9. Times are integers (milliseconds); tau is a float.
"""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, new_of, sibling

part2 = sibling(__file__, "suite2.py")

CLASS = "TimeEMA"
_TAUS = (1000.0, 100.0, 10.0, 1.0, 250.0, 60_000.0, 0.5, 1500.0)
_LEVELS = (100, 3000, 60_000, 2)
_GAPS = ("same", "short", "tau", "long", "huge")


def _price(level: int, delta: float) -> float:
    """A price within 5% of the level: `delta` in per mille; whole per mille read as cents."""
    price = level * (1000 + delta) / 1000
    return round(price, 2) if float(delta).is_integer() else price


def _gap(kind: str, tau: float, u: int) -> int:
    if kind == "short":  # well under tau: the average has barely moved
        return 1 + u % max(1, int(tau / 4))
    if kind == "tau":  # half a tau to three tau: the decay matters most here
        return max(1, round(tau * (1 + u % 6) / 2))
    if kind == "long":  # 5 to 45 tau: the average has nearly settled on the held price
        return math.ceil(tau * (5 + u % 41))
    if kind == "huge":  # exp(gap / tau) overflows a double; exp(-gap / tau) is 0
        return math.ceil(tau * (710 + u % 1000))
    return 0


def _build(tau: float, level: int, ops: list[tuple[int, float, str, int]]) -> list[Step]:
    steps, now = [new_of(CLASS, tau)], 0
    for kind, delta, gap, u in ops:
        now += _gap(gap, tau, u)
        steps.append(call("update", now, _price(level, delta)) if kind < 6 else call("value", now))
    return steps


_op = st.tuples(
    st.integers(0, 9),  # 0-5 a tick, 6-9 a read; shrinks toward a tick
    st.one_of(st.integers(-50, 50), st.floats(-50, 50, allow_nan=False)),
    st.sampled_from(_GAPS),
    st.integers(0, 10**6),
)
# Lists of short runs, flattened, as in part 1: cases of 1 to ~80 calls that still shrink call by call.
_ops = st.lists(st.lists(_op, min_size=1, max_size=10), min_size=1, max_size=8).map(
    lambda runs: [op for run in runs for op in run])
_CASES = st.builds(
    _build,
    st.one_of(st.sampled_from(_TAUS), st.floats(0.5, 100_000.0, allow_nan=False)),
    st.sampled_from(_LEVELS),
    _ops,
)


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


def _tema(tau: float, *calls: Step) -> list[Step]:
    return [new_of(CLASS, tau), *calls]


EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _tema(
        1000.0, call("update", 0, 100.0), call("update", 1000, 200.0), call("value", 2000),
        call("update", 2000, 200.0), call("value", 2000)),
    "value before any tick is None": _tema(
        1000.0, call("value", 0), call("value", 50), call("update", 100, 10.0), call("value", 100),
        call("value", 5000)),
    "the first tick seeds the average": _tema(
        250.0, call("update", 7, 3001.5), call("value", 7), call("value", 1000),
        call("update", 1000, 2990.0)),
    "ticks in the same millisecond: the value stays, the last price is held": _tema(
        1000.0, call("update", 0, 100.0), call("update", 0, 120.0), call("update", 0, 90.0),
        call("value", 0), call("update", 1000, 95.0), call("update", 1000, 99.0), call("value", 2000)),
    "a burst of ticks in 1 ms weighs no more than one tick": _tema(
        1000.0, call("update", 0, 100.0), *(call("update", 1, 104.0) for _ in range(10)),
        call("update", 1000, 104.0), call("value", 1500)),
    "a gap of many tau settles on the held price": _tema(
        100.0, call("update", 0, 100.0), call("update", 1, 104.0), call("value", 5000),
        call("update", 10_000, 98.0), call("value", 10_050)),
    "a gap so long that exp(gap / tau) overflows a double": _tema(
        10.0, call("update", 0, 100.0), call("update", 5, 104.0), call("value", 10_000),
        call("update", 10_000_000, 97.0), call("update", 10_000_010, 99.0)),
    "reads do not change the average": _tema(
        1000.0, call("update", 0, 100.0), call("update", 300, 110.0), call("value", 500),
        call("value", 700), call("value", 700), call("update", 1000, 90.0), call("value", 1200)),
    "a fractional tau": _tema(
        0.5, call("update", 0, 100.0), call("update", 1, 101.0), call("value", 2), call("update", 3, 99.5)),
    "a falling price": _tema(
        60_000.0, call("update", 0, 60_000.0), call("update", 30_000, 57_000.0),
        call("update", 90_000, 58_500.25), call("value", 150_000)),
}


# -- hooks, for this part's cases and the earlier parts' (the regression runs them with these) ----

def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    return bool(part2.equal(step, expected, got, tolerance))


def renumber(steps: list[Step]) -> list[Step]:
    """Shift the clock so the first call is at time 0 (only differences of times matter)."""
    if not steps or steps[0][0] != f"new:{CLASS}":
        return list(part2.renumber(steps))
    if len(steps) < 2:
        return steps
    first = steps[1][1][0]
    return [steps[0], *([name, [args[0] - first, *args[1:]]] for name, args in steps[1:])]


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        if steps and steps[0][0] != f"new:{CLASS}":
            return part2.advice(steps, index, expected, got)  # type: ignore[no-any-return]
        return _advice(steps, index)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int) -> str | None:
    name, args = steps[index]
    if name.startswith("new"):
        return ("TimeEMA(tau_ms) raised, so nothing else ran: write __init__ first (keep tau, and room "
                "for the held price, the value and the time of the last tick)")
    tau = steps[0][1][0]
    held: float | None = None
    last_value, last_ms = 0.0, 0
    for call_name, call_args in steps[1:index]:
        if call_name == "update":
            t, price = call_args
            seeded = held is not None
            last_value = held + (last_value - held) * math.exp(-(t - last_ms) / tau) if seeded else price
            held, last_ms = price, t
    if held is None:
        if name == "value":
            return "no tick yet: value returns None"
        return "the first tick seeds the average: update returns its price"
    now = args[0]
    gap = now - last_ms
    note = (f"the last tick was at t={last_ms}: price {held:.10g} held since, the average then "
            f"{last_value:.10g}; {gap} ms later the decay is exp(-{gap}/{tau:g}) = {math.exp(-gap / tau):.6g}, "
            f"so the value is held + (average - held) * decay")
    if name == "update":
        note += "; update returns that value: the new price is only held from now on"
    if gap == 0:
        note += "; no time passed, so the value has not moved"
    return note


class Ticks(Workload):
    """Ticks 10 ms apart into one TimeEMA of tau 1 s. The memory check weighs ticks into a fresh
    TimeEMA (after a few warm-up ticks), as part 1's does: a list of ticks growing from nearly empty
    shows every append."""

    TAU, WARM_UP = 1000.0, 10

    def __init__(self) -> None:
        self.ticks = 0  # ticks into the current TimeEMA
        self.now = 0
        self.rng = random.Random(23)

    def start(self) -> list[Step]:
        return [new_of(CLASS, self.TAU)]

    def _ticks(self, count: int) -> list[Step]:
        out = []
        for _ in range(count):
            self.now += 10
            out.append(call("update", self.now, round(self.rng.uniform(2900.0, 3100.0), 2)))
        self.ticks += count
        return out

    def grow(self, old: int, new_size: int) -> list[Step]:
        if self.ticks > new_size:  # the memory check left a fresh TimeEMA with more ticks: rebuild
            self.ticks = 0
            return [*self.start(), *self._ticks(new_size)]
        return self._ticks(new_size - self.ticks)

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "update_memory":
            self.ticks = 0
            return [*self.start(), *self._ticks(self.WARM_UP)], self._ticks(batch), []
        if check == "value_time":  # reads at the current time: later ticks are never earlier
            return [], [call("value", self.now) for _ in range(batch)], []
        return [], self._ticks(batch), []

    def growth(self, check: str, batch: int) -> int:
        return batch if check == "update_time" else 0  # a tick cannot be undone


WORKLOAD = Ticks
