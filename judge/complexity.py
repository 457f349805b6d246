"""Deciding whether a measured cost grows within its bound. Pure functions: no timing happens here.

The measurements come in rounds (judge/profiling.py): in each round every size is measured once,
close together in time, so a burst of load from another process spoils one round rather than one
size. Every decision is made on ratios taken inside one round (cost at the largest size / cost at the
smallest, measured milliseconds apart) and then the median over rounds: one disturbed round cannot
move a median of five.

With G the growth (median over rounds of the largest/smallest ratio), A what the bound allows over
the same sizes (g(n_max)/g(n_min); a constant term only makes the growth smaller) and R the creep
gauge's growth (a dict lookup among n keys, O(1), measured in the same rounds: how much the caches
alone slow a random access at n_max right now, >= 1), the excess E = G / A and the excess beyond
creep B = E / R decide:

- E >= CLEAR_EXCESS and E >= CLEAR_OVER_CREEP * R: fails, whatever else: that is linear work, and a
  x30 climb is never "undetermined" (nor does it need the yardstick: it fails on a single series).
- E <= CREEP_EXCESS, or B <= CREEP_EXCESS with a yardstick share under GAUGE_SHARE (below): passes.
  With two neighbours trashing the caches an O(1) publish grew x6 between 1k and 40k connections,
  and the dict lookup with it.
  The yardstick can only overrule the gauge where it can be seen: if a whole linear step is smaller
  than the creep the call's own cost may show (CREEP_EXCESS - 1 of it), as for a 1 us call between
  n=100 and n=1,500 where the step is 0.4 us, the gauge's explanation stands (an O(1) mark-price print
  that grew x1.69 beside a dict lookup's x1.66 failed CI on a share of 2 of that tiny step).
- Otherwise, for a sublinear bound, the yardstick decides: the cheapest linear step there is (a
  memmove of half a list of n pointers, measured in the same round at the same sizes) grows by some
  microseconds; an operation whose excess growth is at least LINEAR_SHARE of that does linear work
  and fails (a sorted list's insort: ~1.0; a SortedDict's creep: <= 0.26); one whose excess is under
  CREEP_SHARE of it is cache creep and passes.
- Anything else is undetermined. The judge measures more rounds first; if it is still undetermined,
  the row passes with determined=False and the report says that it could not be decided (see
  profiling.py for the verdict).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CLASSES: dict[str, Callable[[float], float]] = {
    "O(1)": lambda n: 1.0,
    "O(log n)": lambda n: math.log(n),
    "O(n)": lambda n: n,
    "O(n log n)": lambda n: n * math.log(n),
    "O(n^2)": lambda n: n * n,
}
ORDER = list(CLASSES)

# Growth beyond the bound's own growth that fails on its own (see the module docstring)...
CLEAR_EXCESS = 8.0
# ...and at least this many times the creep gauge's growth: a dict lookup is nothing but a cache miss
# at 50k, so it creeps more than any real O(1) operation does (x4-10 with two neighbours, measured).
CLEAR_OVER_CREEP = 2.0
# Growth beyond the bound's that cache effects alone explain: a dict or tree of 100k entries misses
# the caches more than one of 1k entries, more so when another process trashes them.
CREEP_EXCESS = 1.5
# Excess growth as a share of the linear yardstick's growth: at least this much is a linear term...
LINEAR_SHARE = 0.55
# ...and at most this much is creep.
CREEP_SHARE = 0.35
# Up to this share, growth the creep gauge explains passes. Measured: an O(1) publish's creep at 40k
# connections is <= 0.48 of the yardstick; a sorted list's delete (a memmove down, cheaper than the
# yardstick's memmove up) is >= 0.54 at 50k levels. Between the two a row is undetermined.
GAUGE_SHARE = 0.5
# A memory check reads bytes retained per operation (tracemalloc): under this, nothing is kept.
RETAINED_BYTES_O1 = 2.0
# Timings read inside the sandbox must agree with the sandbox's CPU time read from outside: the
# inside total may not exceed the outside one (the harness thread is part of the sandbox)...
TRUST_OVER = 1.15
# ...nor fall below this share of it (the rest is reading requests and writing replies).
TRUST_UNDER = 0.4


@dataclass(frozen=True)
class Fit:
    observed: str  # a class in ORDER, or "undetermined"
    passed: bool
    determined: bool
    ratio: float  # median over rounds of cost(n_max) / cost(n_min)
    detail: str
    excess: float = 0.0  # ratio / what the bound allows
    share: float | None = None  # excess growth / the yardstick's growth, median over rounds
    creep: float = 1.0  # growth of a dict lookup over the same sizes (the creep gauge), median over rounds


def allowed_growth(expected: str, sizes: Sequence[int]) -> float:
    g = CLASSES[expected]
    return g(sizes[-1]) / g(sizes[0])


def nearest_class(sizes: Sequence[int], growth: float) -> str:
    """The class whose growth over `sizes` is closest to `growth` (on a log scale)."""
    target = math.log(max(growth, 1e-9))
    return min(ORDER, key=lambda name: abs(math.log(allowed_growth(name, sizes)) - target))


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} us"


def decide(
    sizes: Sequence[int],
    rounds: Sequence[Sequence[float]],
    expected: str,
    yardstick: Sequence[Sequence[float]] | None = None,
    lookups: Sequence[Sequence[float]] | None = None,
) -> Fit:
    """`rounds[r][i]` is the cost per call at sizes[i] in round r; `yardstick[r][i]` likewise for the
    linear yardstick and `lookups[r][i]` for the creep gauge (both optional). Rounds with a missing or
    non-positive cost are left out."""

    def series(table: Sequence[Sequence[float]] | None, r: int) -> list[float] | None:
        if not table or r >= len(table) or len(table[r]) != len(sizes) or not table[r][-1] > table[r][0] > 0:
            return None
        return list(table[r])

    usable = [
        (list(costs), series(yardstick, r), series(lookups, r))
        for r, costs in enumerate(rounds)
        if len(costs) == len(sizes) and all(c > 0 for c in costs)
    ]
    if len(sizes) < 2 or not usable:
        return Fit("undetermined", True, False, 0.0, "too few usable measurements")
    allowed = allowed_growth(expected, sizes)
    growth = statistics.median(c[-1] / c[0] for c, _, _ in usable)
    excess = growth / allowed
    shares = [(c[-1] - allowed * c[0]) / (y[-1] - y[0]) for c, y, _ in usable if y is not None]
    share = statistics.median(shares) if shares else None
    gauges = [g[-1] / g[0] for _, _, g in usable if g is not None]
    creep = max(1.0, statistics.median(gauges)) if gauges else 1.0
    beyond = excess / creep  # growth beyond what the bound and the machine's creep explain together
    span = f"n={sizes[0]:,} to n={sizes[-1]:,}"
    grew = f"cost grew x{growth:.2f} from {span} (median of {len(usable)} rounds); {expected} allows x{allowed:.2f}"
    if creep > 1.05:
        grew += f" and a dict lookup grew x{creep:.2f} here (cache creep)"
    nearest = nearest_class(sizes, growth)
    above = ORDER[min(ORDER.index(expected) + 1, len(ORDER) - 1)]
    failing_class = max(nearest, above, key=ORDER.index)
    passing_class = min(nearest, expected, key=ORDER.index)
    sublinear = ORDER.index(expected) < ORDER.index("O(n)")
    linear_like = sublinear and share is not None and share >= LINEAR_SHARE

    def fit(observed: str, passed: bool, determined: bool, why: str) -> Fit:
        return Fit(observed, passed, determined, growth, f"{grew}{': ' + why if why else ''}", excess, share, creep)

    if excess >= max(CLEAR_EXCESS, CLEAR_OVER_CREEP * creep):
        return fit(failing_class, False, True, f"x{excess:.1f} more than the bound allows")
    if excess <= CREEP_EXCESS:
        return fit(passing_class, True, True, "")
    c0 = statistics.median(c[0] for c, _, _ in usable)
    steps = [y[-1] - y[0] for _, y, _ in usable if y is not None]
    linear = statistics.median(steps) if steps else None
    unseen = linear is not None and linear <= (CREEP_EXCESS - 1) * allowed * c0
    if beyond <= CREEP_EXCESS and (share is None or share < GAUGE_SHARE or unseen):
        why = "within what cache creep explains"
        if unseen and linear is not None and share is not None and share >= GAUGE_SHARE:
            why += (f" (the cheapest linear step grows only {_us(linear)} here, less than the creep "
                    f"a {_us(c0)} call may show)")
        return fit(expected, True, True, why)
    if sublinear and share is not None and linear is not None:
        extra = statistics.median(c[-1] - allowed * c[0] for c, _, _ in usable)
        compared = (f"it grew {_us(extra)} more than {expected} allows (from {_us(c0)}); the cheapest "
                    f"linear step grows {_us(linear)} here")
        if linear_like:
            return fit(failing_class, False, True, f"{compared}: a linear term")
        if share <= CREEP_SHARE:
            return fit(expected, True, True, f"{compared}, so the creep is cache effects, not a linear term")
        return fit("undetermined", True, False,
                   f"{compared}; too close to tell cache effects from a linear term")
    if not sublinear:
        next_growth = allowed_growth(above, sizes) / allowed
        if above != expected and beyond >= max(2.0, math.sqrt(next_growth)):
            return fit(failing_class, False, True, f"closer to {above} than to {expected}")
    return fit("undetermined", True, False, "more than the bound allows, too little to be sure it exceeds it")


def classify(sizes: Sequence[int], costs: Sequence[float], expected: str,
             yardstick: Sequence[float] | None = None) -> Fit:
    """One series (a single round): `decide` on it."""
    return decide(sizes, [costs], expected, [yardstick] if yardstick else None)


def classify_memory(sizes: Sequence[int], retained: Sequence[float], expected: str) -> Fit:
    """Bytes retained per operation: ~0 means the state does not grow; a steady amount means O(n) state."""
    per_op = sorted(retained)[len(retained) // 2]
    observed = "O(1)" if per_op <= RETAINED_BYTES_O1 else "O(n)"
    passed = ORDER.index(observed) <= ORDER.index(expected)
    detail = f"{per_op:.1f} bytes kept per call (median over sizes); O(1) memory keeps none"
    return Fit(observed, passed, True, 0.0, detail)


def untrusted_timing(inside: Sequence[float], outside: Sequence[float], requests: Sequence[int],
                     resolution: float = 0.01) -> str | None:
    """Why the timings reported from inside the sandbox cannot be believed, or None.

    inside[i]: CPU seconds the harness said it spent on the requests of size i; outside[i]: CPU
    seconds the judge saw the whole sandbox spend on the same requests (read around each, from
    outside); requests[i]: how many. Each outside reading is off by up to `resolution`, so the
    slack grows with the number of readings. The totals over all sizes are checked too: tighter.
    """
    def wrong(i_sum: float, o_sum: float, count: int) -> str | None:
        slack = resolution * (1.0 + math.sqrt(max(count, 1)) * 1.5)
        if i_sum > o_sum * TRUST_OVER + slack:
            return f"the harness reported {i_sum:.3f} s of CPU where the sandbox used {o_sum:.3f} s"
        if i_sum < o_sum * TRUST_UNDER - slack:
            return (f"the harness reported {i_sum:.3f} s of CPU where the sandbox used {o_sum:.3f} s "
                    "(a clock replaced from inside?)")
        return None

    for i in range(len(inside)):
        reason = wrong(inside[i], outside[i], requests[i])
        if reason:
            return reason
    return wrong(sum(inside), sum(outside), sum(requests))
