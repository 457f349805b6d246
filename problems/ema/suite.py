"""Hidden suite for ema (streaming exponential moving average), part 1 (valid input only).

Values are compared with a relative tolerance of 1e-9 (problem.yaml). Prices are positive, between
1 and 100000: every EMA is then a convex combination of positive numbers, so the textbook form
price * k + ema * (1 - k) is accurate to a few ulps per update, and the rearranged form
ema + k * (price - ema), whose subtraction may cancel, still loses at most ~2 * (max/min price)
ulps on an update whose result it does not carry forward (k = 1) and a few ulps otherwise: far
inside 1e-9 over a case of ~100 updates (errors do not pile up: each update scales the error it
carries by 1 - k < 1). Negative or mixed-sign prices would make the rearranged form lose everything,
so they are never sent.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, new

# Prices in cents, shown as 1.0 .. 100000.0 with at most two decimals: readable counterexamples,
# shrinking towards 1.0. Any float in range is sent too, to vary the low bits.
_cents = st.integers(100, 10_000_000).map(lambda c: c / 100)
_price = st.one_of(_cents, st.floats(1.0, 100_000.0, allow_nan=False, allow_infinity=False))
_period = st.one_of(st.integers(1, 200), st.integers(1, 10))  # shrinks to the smallest period that fails


def _build(period: int, prices: list[float]) -> list[Step]:
    return [new(period), *(call("update", p) for p in prices)]


def cases() -> st.SearchStrategy[list[Step]]:
    # Lists of short runs, flattened: a flat list stays short (about 5 prices on average); runs give
    # cases of 1 to ~100 updates, while a failure still shrinks update by update.
    runs = st.lists(st.lists(_price, min_size=1, max_size=12), min_size=1, max_size=8)
    return st.builds(_build, _period, runs.map(lambda rs: [p for run in rs for p in run]))


EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _build(3, [10.0, 20.0, 30.0, 10.0]),
    "the first update returns the price": _build(10, [100.0, 100.0, 110.0]),
    "period 1 follows the price": _build(1, [5.0, 7.5, 3.0]),
    "period 2": _build(2, [1.0, 2.0, 4.0]),
    "long period": _build(200, [100.0, 100.0, 100.0, 200.0, 200.0, 200.0]),
    "prices far apart": _build(2, [100000.0, 1.0, 100000.0, 1.0, 99999.99]),
    "fractional prices": _build(5, [101.25, 100.75, 102.5, 99.99, 100.01]),
}


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    if steps[index][0] == "new":  # only a raise fails a constructor: no update has run yet
        return ("EMA(period) raised, so no update ran: write __init__ first (keep k = 2 / (period + 1) "
                "and room for the average; the starter file's methods raise NotImplementedError until "
                "you write them)")
    period = steps[0][1][0]
    if index == 1:
        return "the first update returns the price itself (it seeds the average)"
    ema: float | None = None
    k = 2 / (period + 1)
    for _, (price,) in steps[1:index]:
        ema = price if ema is None else price * k + ema * (1 - k)
    before = "no price yet" if ema is None else f"{ema:.10g}"
    return f"period {period} gives k = 2/({period}+1) = {k:.10g}; the EMA before this update was {before}"


class Prices(Workload):
    """Random prices into one EMA. The memory check weighs updates of a fresh EMA (after a few
    warm-up updates): bytes kept per update do not depend on the size, and a list growing from
    (nearly) empty shows them every time, where a long list's spare capacity (1/8 of its length)
    could hide a whole batch of appends. The time check's state is rebuilt after that, so the sizes
    stay small: a solution that recomputes over its history costs O(n^2) to rebuild."""

    PERIOD, WARM_UP = 20, 10

    def __init__(self) -> None:
        self.updates = 0  # updates made on the current EMA
        self.rng = random.Random(20)

    def start(self) -> list[Step]:
        return [new(self.PERIOD)]

    def _updates(self, count: int) -> list[Step]:
        self.updates += count
        return [call("update", round(self.rng.uniform(1.0, 100_000.0), 2)) for _ in range(count)]

    def grow(self, old: int, new_size: int) -> list[Step]:
        if self.updates > new_size:  # the memory check left a fresh EMA with more updates: rebuild
            self.updates = 0
            return [new(self.PERIOD), *self._updates(new_size)]
        return self._updates(new_size - self.updates)

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "update_memory":
            self.updates = 0
            return [new(self.PERIOD), *self._updates(self.WARM_UP)], self._updates(batch), []
        return [], self._updates(batch), []

    def growth(self, check: str, batch: int) -> int:
        return batch if check == "update_time" else 0  # an update cannot be undone


WORKLOAD = Prices
