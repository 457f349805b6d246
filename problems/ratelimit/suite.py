"""Hidden suite for ratelimit (token bucket), part 1 (valid input only).

No decision in a generated case hinges on floating-point rounding. Each case is simulated exactly
(fractions.Fraction, on the exact values of the floats sent) while it is built, and a call whose
tokens - cost lands within MARGIN of zero is dropped from the case, unless it is an exact tie that
every reasonable implementation computes exactly:
- the first call (tokens == capacity: nothing refilled or taken yet), or
- a case of the "binary" family (times in 1/8 s, rates such as 0.25 or 2.5, where float arithmetic
  is exact) whose rate is a power of two, so that cost / rate and capacity / rate (the GCRA style)
  are exact too, and whose times are not epoch-sized (now * 1e9 is exact too).
Dropping a call leaves the rest of the case unchanged: a call that takes nothing does not change the
tokens a later call sees (refilling t1 -> t3 equals refilling t1 -> t2 then t2 -> t3, capped alike).
The "decimal" family (times in 1/10 s, rates such as 0.1 or 3.3) keeps no tie but the first call's.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, new

MARGIN = Fraction(1, 10**6)  # tokens; a float implementation is off by ~1e-12 at most here

BINARY_RATES = [1.0, 2.0, 0.5, 0.25, 4.0, 0.125, 8.0, 1.5, 2.5, 0.75, 3.0, 10.0]
DECIMAL_RATES = [0.1, 0.3, 0.7, 1.1, 3.3, 12.5, 33.3, 100.0]
EPOCH = 1_700_000_000  # a time.time()-like first call


class Bucket:
    """The contract, in exact arithmetic: what the suite builds cases and hints from."""

    def __init__(self, capacity: int, rate: float) -> None:
        self.capacity, self.rate = Fraction(capacity), Fraction(rate)
        self.tokens, self.last = Fraction(capacity), None

    def peek(self, now: float) -> Fraction:
        """Tokens held at `now`, before the call takes any."""
        if self.last is None:
            return self.tokens
        return min(self.capacity, self.tokens + (Fraction(now) - self.last) * self.rate)

    def allow(self, now: float, cost: int = 1) -> bool:
        self.tokens, self.last = self.peek(now), Fraction(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False


def _power_of_two(x: float) -> bool:
    return math.frexp(x)[0] == 0.5


def _build(capacity: int, rate: float, unit: int, start: int, calls: list[tuple[int, int]]) -> list[Step]:
    """Times are integers counted in 1/unit s from `start`; each call is (time advance, cost)."""
    steps: list[Step] = [new(capacity, rate)]
    bucket = Bucket(capacity, rate)
    # Ties only where every style computes them exactly: binary times and a power-of-two rate, and
    # times small enough that even now * 1e9 (integer nanoseconds) is exact.
    exact_ties = unit == 8 and _power_of_two(rate) and start < 8 * 10**6
    ticks = start
    for advance, cost in calls:
        ticks += advance
        now = ticks / unit  # the float nearest ticks/unit: exact for unit 8, "0.3" for unit 10
        margin = bucket.peek(now) - cost
        first = bucket.last is None
        if abs(margin) < MARGIN and not (margin == 0 and (first or exact_ties)):
            continue  # too close to call for floats: leave it out
        bucket.allow(now, cost)
        steps.append(call("allow", now) if cost == 1 else call("allow", now, cost))
    return steps


def _runs(call: st.SearchStrategy[tuple[int, int]]) -> st.SearchStrategy[list[tuple[int, int]]]:
    """Lists of short runs, flattened: a flat list stays short (about 5 calls on average); runs give
    cases of 1 to ~100 calls, while a failure still shrinks call by call."""
    return st.lists(st.lists(call, min_size=1, max_size=12), min_size=1, max_size=8).map(
        lambda runs: [c for run in runs for c in run])


# Time advances: often none (a burst at one instant), often a fraction of a token, sometimes long
# enough to refill the bucket. Shrinking pulls advances to 0 and costs to 1.
_binary = st.builds(
    _build,
    capacity=st.integers(1, 10),
    rate=st.sampled_from(BINARY_RATES),
    unit=st.just(8),
    start=st.sampled_from([0, 8, 20, 800, EPOCH * 8]),
    calls=_runs(st.tuples(st.one_of(st.just(0), st.integers(1, 16), st.integers(17, 400)),
                          st.one_of(st.just(1), st.integers(1, 12)))),
)
_decimal = st.builds(
    _build,
    capacity=st.integers(1, 20),
    rate=st.sampled_from(DECIMAL_RATES),
    unit=st.just(10),
    start=st.sampled_from([0, 10, 1000]),
    calls=_runs(st.tuples(st.one_of(st.just(0), st.integers(1, 20), st.integers(21, 1000)),
                          st.one_of(st.just(1), st.integers(1, 25)))),
)

# A client polling at a steady pace, faster than the refill: exercises many small refills in a row.
_steady = st.builds(
    _build,
    capacity=st.integers(1, 5),
    rate=st.sampled_from(BINARY_RATES),
    unit=st.just(8),
    start=st.sampled_from([0, 800]),
    calls=st.builds(lambda advance, count: [(0, 1)] + [(advance, 1)] * count,
                    st.integers(1, 8), st.one_of(st.integers(1, 30), st.integers(31, 120))),
)


def cases() -> st.SearchStrategy[list[Step]]:
    return st.one_of(_binary, _decimal, _steady)


def _run(capacity: int, rate: float, *calls: tuple) -> list[Step]:
    return [new(capacity, rate), *(call("allow", *c) for c in calls)]


EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _run(2, 0.5, (10.0,), (10.0,), (11.0,), (12.0,), (20.0, 3), (20.0, 2)),
    "burst drains a full bucket": _run(3, 1.0, (0.0,), (0.0,), (0.0,), (0.0,)),
    "full at a first call at time 0": _run(2, 1.0, (0.0,), (0.0,), (0.0,)),
    "nothing refills before the first call": _run(2, 1.0, (100.0,), (100.0,), (100.0,)),
    "capped at capacity after idling": _run(2, 1.0, (0.0,), (0.0,), (10.0,), (10.0,), (10.0,)),
    "a rejection takes nothing": _run(1, 1.0, (0.0,), (0.5,), (1.0,)),
    "fractional tokens add up": _run(1, 0.25, (0.0,), (1.0,), (2.0,), (3.0,), (4.0,)),
    "exactly enough tokens is enough": _run(1, 2.0, (0.0,), (0.5,), (0.75,), (1.0,)),
    "cost above capacity never passes": _run(3, 1.0, (0.0, 4), (100.0, 4), (100.0, 3), (100.0,)),
    "a large cost waits for enough tokens": _run(5, 1.0, (0.0, 5), (2.0, 3), (3.0, 3), (3.0,)),
    "epoch-sized timestamps": _run(2, 0.5, (1700000000.0,), (1700000000.0,), (1700000000.0,),
                                   (1700000001.0,), (1700000002.0,)),
    "decimal rate": _run(10, 0.1, (0.0, 10), (5.0,), (15.0,), (15.0,)),
}


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    """The exact tokens the bucket holds just before the failing call."""
    if steps[index][0] == "new":  # only a raise fails a constructor: no allow has run yet
        return ("TokenBucket(capacity, refill_per_sec) raised, so no call ran: write __init__ first (the "
                "starter file's methods raise NotImplementedError until you write them)")
    capacity, rate = steps[0][1]
    bucket = Bucket(capacity, rate)
    for _, args in steps[1:index]:
        bucket.allow(*args)
    args = steps[index][1]
    cost = args[1] if len(args) > 1 else 1
    held = bucket.peek(args[0])
    shown = str(held.numerator) if held.denominator == 1 else f"{float(held):.10g}"
    tokens = f"{shown} token{'' if held == 1 else 's'}"
    if bucket.last is None:
        return f"this is the first call: the bucket is full ({tokens}); the cost is {cost}"
    return (f"just before this call the bucket holds {tokens} (capacity {capacity}, refill {rate:g}/s, "
            f"previous call at t={float(bucket.last):g}); the cost is {cost}")


class Clock(Workload):
    """A bucket of 8 tokens refilled at 256/s, called every 1/1024 s (a quarter token per call), so
    calls are allowed and rejected in turn. The memory check weighs calls on a fresh bucket: bytes
    kept per call do not depend on the size, and a list growing from (nearly) empty shows them every
    time, where a long list's spare capacity (1/8 of its length) could hide a whole batch of appends.
    The time check's state is rebuilt after that, so the sizes stay small: a solution that replays
    its history costs O(n^2) to rebuild."""

    CAPACITY, RATE, TICK = 8, 256.0, 1024
    WARM_UP = 10

    def __init__(self) -> None:
        self.calls = 0  # calls made on the current bucket
        self.ticks = 0  # time only moves forward, across buckets too

    def start(self) -> list[Step]:
        return [new(self.CAPACITY, self.RATE)]

    def _calls(self, count: int) -> list[Step]:
        out = []
        for _ in range(count):
            self.ticks += 1
            out.append(call("allow", self.ticks / self.TICK))
        self.calls += count
        return out

    def grow(self, old: int, new_size: int) -> list[Step]:
        if self.calls > new_size:  # the memory check left a fresh bucket with more calls: rebuild
            self.calls = 0
            return [new(self.CAPACITY, self.RATE), *self._calls(new_size)]
        return self._calls(new_size - self.calls)

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "allow_memory":  # a fresh bucket; warm-up calls make whatever a first call sets up
            self.calls = 0
            return [new(self.CAPACITY, self.RATE), *self._calls(self.WARM_UP)], self._calls(batch), []
        return [], self._calls(batch), []

    def growth(self, check: str, batch: int) -> int:
        return batch if check == "allow_time" else 0  # a call cannot be undone


WORKLOAD = Clock
