"""Hidden suite for ema part 2: the mark price (index of fresh spot quotes + EMA of the basis).

A case builds one MarkPrice and feeds it spot quotes, perp prints and index queries at times that
never go back. The strategy draws abstract operations and a builder turns them into calls, aiming the
times at the live state: a query lands exactly on some quote's stale boundary (now - t == stale_ms),
one millisecond past it, in the same millisecond, or after a gap that leaves every quote stale. Spot
quotes also go to zero-weight and unknown exchanges, and perp prints arrive before any quote and
after every quote went stale, where the EMA must not move.

Floats: every price of a case lies within 5% of one level (2 to 60,000), as real quotes do. The
index is then a weighted mean of nearby positive numbers and the basis at most ~10% of the level, so
the returned index + ema sits near the level and any sound float style (another summation order,
weights normalised up front, the rearranged EMA, Decimal) stays within a few ulps of the level: far
inside the relative tolerance of 1e-9. Times and stale_ms are integers, so the stale boundary is
exact in every style.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, Workload, call, new_of, sibling

base = sibling(__file__, "suite.py")

CLASS = "MarkPrice"
EXCHANGES = ("A", "B", "C", "D", "E")  # a case names the first 3-4; the next one quotes with no weight
# A and B get two different positive weights, so a plain mean always shows; C (and D, if drawn) get
# weight 0, none at all (None: not in the dict) or 3, so that some quotes must be ignored.
_WEIGHTS = (1.0, 2.0, 0.5, 3.0)
_MORE_WEIGHTS = (0.0, None, 3.0)
_LEVELS = (100, 3000, 60_000, 2)
_STALE = (1000, 100, 250, 0, 1, 3000)
_DELAYS = ("same", "tick", "edge", "past")  # gaps come with their own kinds of call


def _price(level: int, delta: float) -> float:
    """A price within 5% of the level: `delta` in per mille; whole per mille read as cents."""
    price = level * (1000 + delta) / 1000
    return round(price, 2) if float(delta).is_integer() else price


class _Builder:
    """Turns drawn operations into calls, keeping the clock and the latest quote time per exchange."""

    def __init__(self, weights: dict[str, float], named: int, stale_ms: int, level: int) -> None:
        self.weights, self.stale, self.level = weights, stale_ms, level
        self.quoting = EXCHANGES[: named + 1]  # the named exchanges and one without a weight
        self.now = 0
        self.quoted: dict[str, int] = {}  # exchange -> time of its latest quote, any exchange

    def advance(self, delay: str, u: int) -> int:
        live = sorted(self.quoted.values())
        if delay == "tick":
            self.now += 1 + u % max(self.stale // 3, 1)  # mostly within the window: quotes overlap
        elif delay in ("edge", "past") and live:
            target = live[u % len(live)] + self.stale + (delay == "past")
            self.now = max(self.now, target)
        elif delay == "gap":  # every quote, the newest included, is stale after this
            self.now += self.stale + 1 + u % 1000
        return self.now

    def step(self, op: tuple[int, int, float, str, int]) -> Step:
        kind, exchange, delta, delay, u = op
        # 5: a quote alone after a gap, from an exchange the index must ignore (weight 0 first);
        # 9: a perp print during an outage of the index
        now = self.advance("gap" if kind in (5, 9) else delay, u)
        if kind <= 5:
            zero = [e for e in self.quoting if self.weights.get(e) == 0]
            pool = (zero or [e for e in self.quoting if e not in self.weights]) if kind == 5 else self.quoting
            name = pool[exchange % len(pool)]
            self.quoted[name] = now
            return call("spot", now, name, _price(self.level, delta))
        if kind == 10:
            return call("index", now)
        return call("perp", now, _price(self.level, 2 * delta))  # the basis reaches 10%


def _build(period: int, weights: list[float | None], stale_ms: int, level: int,
           ops: list[tuple[int, int, float, str, int]]) -> list[Step]:
    table = {name: w for name, w in zip(EXCHANGES, weights, strict=False) if w is not None}
    builder = _Builder(table, len(weights), stale_ms, level)
    return [new_of(CLASS, period, table, stale_ms), *(builder.step(op) for op in ops)]


_op = st.tuples(
    st.integers(0, 10),  # 0-5 spot, 6-9 perp, 10 index (see _Builder.step); shrinks toward a spot
    st.integers(0, 4),  # which exchange quotes: see _Builder.step
    st.one_of(st.integers(-50, 50), st.floats(-50, 50, allow_nan=False)),
    st.sampled_from(_DELAYS),
    st.integers(0, 10**6),
)
# Lists of short runs, flattened, as in part 1: cases of 3 to ~80 calls that still shrink call by call
# (the judge's own pass after Hypothesis's drops single calls below three).
_ops = st.lists(st.lists(_op, min_size=1, max_size=10), min_size=3, max_size=8).map(
    lambda runs: [op for run in runs for op in run])
_CASES = st.builds(
    _build,
    st.one_of(st.integers(1, 5), st.integers(1, 50)),
    st.tuples(st.lists(st.sampled_from(_WEIGHTS), min_size=2, max_size=2, unique=True),
              st.lists(st.sampled_from(_MORE_WEIGHTS), min_size=1, max_size=2)).map(lambda w: w[0] + w[1]),
    st.sampled_from(_STALE),
    st.sampled_from(_LEVELS),
    _ops,
)


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


def _mark(period: int, weights: dict[str, float], stale_ms: int, *calls: Step) -> list[Step]:
    return [new_of(CLASS, period, weights, stale_ms), *calls]


AB = {"A": 2.0, "B": 1.0}
EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _mark(
        3, AB, 1000, call("spot", 0, "A", 100.0), call("spot", 0, "B", 103.0), call("index", 10),
        call("perp", 10, 102.0), call("spot", 500, "A", 101.0), call("index", 1200),
        call("perp", 1200, 103.0)),
    "a quote exactly stale_ms old is fresh, one ms later it is stale": _mark(
        3, AB, 1000, call("spot", 0, "A", 100.0), call("spot", 400, "B", 106.0), call("index", 1000),
        call("index", 1001), call("perp", 1400, 110.0), call("perp", 1401, 110.0)),
    "every quote stale: no index, and perp returns None": _mark(
        3, AB, 1000, call("spot", 0, "A", 100.0), call("spot", 0, "B", 103.0), call("index", 1001),
        call("perp", 1001, 105.0), call("perp", 5000, 105.0)),
    "a zero-weight exchange never counts, even when it is the only fresh quote": _mark(
        3, {"A": 1.0, "B": 0.0}, 1000, call("spot", 0, "B", 90.0), call("index", 0),
        call("perp", 0, 95.0), call("spot", 10, "A", 100.0), call("index", 10), call("perp", 10, 101.0)),
    "a perp print with no index does not seed the EMA": _mark(
        3, AB, 1000, call("perp", 0, 150.0), call("spot", 5, "A", 100.0), call("perp", 5, 102.0),
        call("perp", 6, 104.0)),
    "a quote from an exchange without a weight is ignored": _mark(
        3, AB, 1000, call("spot", 0, "X", 500.0), call("index", 0), call("perp", 0, 100.0),
        call("spot", 0, "A", 100.0), call("spot", 0, "X", 500.0), call("index", 0), call("perp", 0, 101.0)),
    "weights are renormalised over the fresh quotes": _mark(
        2, {"A": 1.0, "B": 1.0, "C": 2.0}, 100, call("spot", 0, "A", 100.0), call("spot", 50, "B", 104.0),
        call("spot", 90, "C", 103.0), call("index", 100), call("index", 120), call("perp", 151, 105.0),
        call("index", 191)),
    "a newer quote from the same exchange replaces the older one": _mark(
        3, AB, 1000, call("spot", 0, "A", 100.0), call("spot", 0, "B", 103.0), call("spot", 0, "A", 97.0),
        call("index", 0), call("spot", 900, "A", 99.0), call("index", 1500), call("perp", 1500, 100.0)),
    "the EMA carries on across a gap in the index": _mark(
        3, AB, 1000, call("spot", 0, "A", 100.0), call("perp", 0, 104.0), call("perp", 2000, 110.0),
        call("spot", 3000, "A", 100.0), call("perp", 3000, 100.0)),
    "stale_ms 0: only quotes of the same millisecond count": _mark(
        1, AB, 0, call("spot", 0, "A", 100.0), call("perp", 0, 101.0), call("spot", 1, "B", 103.0),
        call("index", 1), call("perp", 1, 104.0), call("index", 2)),
    "period 1: the mark follows the perp while the index is fresh": _mark(
        1, AB, 1000, call("spot", 0, "A", 3000.0), call("spot", 0, "B", 3010.5), call("perp", 0, 3021.25),
        call("perp", 1, 2990.0)),
}


# -- hooks, for this part's cases and part 1's (the regression runs them with these hooks) ------

def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    if step[0] == "spot":  # spot returns nothing: what a solution returns from it is not the contract
        return True
    return values.equal(expected, got, tolerance.float_rel_tol, tolerance.float_abs_tol)


def renumber(steps: list[Step]) -> list[Step]:
    """Shift the clock so the first call is at time 0: a shrunk case that starts at t=4817 reads as
    if something happened before it. Staleness depends on differences only."""
    if not steps or steps[0][0] != f"new:{CLASS}":
        return steps
    times = [args[0] for name, args in steps[1:]]
    if not times:
        return steps
    first = times[0]
    return [steps[0], *([name, [args[0] - first, *args[1:]]] for name, args in steps[1:])]


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        if steps and steps[0][0] == "new":
            return base.advice(steps, index, expected, got)  # type: ignore[no-any-return]
        return _advice(steps, index)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int) -> str | None:
    name, args = steps[index]
    if name.startswith("new"):
        return ("MarkPrice(period, weights, stale_ms) raised, so nothing else ran: write __init__ first "
                "(keep the weights, stale_ms, the latest quote of each exchange and an EMA of the basis)")
    period, weights, stale = steps[0][1]
    quotes: dict[str, tuple[int, float]] = {}
    ema: float | None = None
    k = 2 / (period + 1)
    for call_name, call_args in steps[1:index]:
        if call_name == "spot" and weights.get(call_args[1], 0) > 0:
            quotes[call_args[1]] = (call_args[0], call_args[2])
        elif call_name == "perp":
            fair = _index(weights, stale, quotes, call_args[0])
            if fair is not None:
                basis = call_args[1] - fair
                ema = basis if ema is None else basis * k + ema * (1 - k)
    if name == "spot":
        return None
    now = args[0]
    parts = []
    for exchange, (t, price) in sorted(quotes.items()):
        age = now - t
        state = "fresh" if age < stale else f"stale: {age} > {stale}" if age > stale else "exactly stale_ms: fresh"
        parts.append(f"{exchange} {price:g} (weight {weights[exchange]:g}, {age} ms old, {state})")
    ignored = sorted(e for e, w in weights.items() if not w > 0)
    seen = "; ".join(parts) if parts else "no quote from an exchange with a positive weight yet"
    note = f"at t={now} the quotes are: {seen}"
    if ignored:
        note += f"; zero weight, never counted: {', '.join(ignored)}"
    fair = _index(weights, stale, quotes, now)
    note += f"; so the index is {'None' if fair is None else f'{fair:.10g}'}"
    if name == "perp":
        before = "not seeded yet (the next basis seeds it)" if ema is None else f"{ema:.10g}"
        note += f"; the EMA of the basis (k = 2/({period}+1)) before this print: {before}"
        if fair is None:
            note += "; with no index, perp returns None and leaves the EMA alone"
    return note


def _index(weights: dict[str, float], stale: int, quotes: dict[str, tuple[int, float]], now: int) -> float | None:
    fresh = [(weights[e], p) for e, (t, p) in quotes.items() if now - t <= stale]
    total = sum(w for w, _ in fresh)
    return sum(w * p for w, p in fresh) / total if total > 0 else None


class Quotes(Workload):
    """Five equally weighted exchanges quoting in turn, a perp print after every fifth quote, the
    clock 1 ms per call, so every exchange stays fresh: n calls into one MarkPrice. The memory check
    weighs calls to a fresh MarkPrice (after every exchange quoted once), as part 1's does: a list of
    quotes growing from nearly empty shows every append."""

    PERIOD, STALE, EXCHANGES = 20, 1000, 5

    def __init__(self) -> None:
        self.calls = 0  # calls made on the current MarkPrice
        self.now = 0
        self.rng = random.Random(22)

    def start(self) -> list[Step]:
        weights = {f"X{i}": 1.0 for i in range(self.EXCHANGES)}
        return [new_of(CLASS, self.PERIOD, weights, self.STALE)]

    def _price(self) -> float:
        return round(self.rng.uniform(2900.0, 3100.0), 2)

    def _calls(self, count: int, perps_only: bool = False) -> list[Step]:
        out = []
        for _ in range(count):
            self.now += 1
            self.calls += 1
            turn = self.calls % (self.EXCHANGES + 1)
            if perps_only or turn == self.EXCHANGES:
                out.append(call("perp", self.now, self._price()))
            else:
                out.append(call("spot", self.now, f"X{turn}", self._price()))
        return out

    def grow(self, old: int, new_size: int) -> list[Step]:
        if self.calls > new_size:  # the memory check left a fresh MarkPrice with more calls: rebuild
            self.calls = 0
            return [*self.start(), *self._calls(new_size)]
        return self._calls(new_size - self.calls)

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "calls_memory":
            self.calls = 0
            return [*self.start(), *self._calls(12)], self._calls(batch), []
        return [], self._calls(batch, perps_only=True), []

    def growth(self, check: str, batch: int) -> int:
        return batch if check == "perp_time" else 0  # a call cannot be undone


WORKLOAD = Quotes
