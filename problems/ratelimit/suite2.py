"""Hidden suite for ratelimit, part 2: KeyedLimiter, one token bucket per key, full buckets forgotten.

Cases are built move by move against an exact model (fractions.Fraction on the floats sent), so that
the moves can aim at live state: a move names its key as "a key not full now", "any key seen" or "a
new key", and its time as a plain advance or "the moment key X is full again" / "the moment this key
holds the cost" (give or take one tick), the boundaries where eviction and tie bugs show. Keys are
named "a", "b", ... in order of first use, so a shrunk case reads from "a" (renumber() restores that
after the judge cuts calls out of an explicit case).

Floating point, as in part 1 (see suite.py): a decision within margin() tokens of its boundary is left
out of the case unless every reasonable implementation computes it exactly: binary times (1/8 s),
a power-of-two rate and times that are not epoch-sized, or a bucket every style holds at exactly its
capacity (never drawn on, or full with room to spare). Dropping a call never changes what a later
call sees: a rejected call changes nothing, and an allowed one is left out of the model too.
The decisions are: allow (tokens >= cost) and, for tracked, every bucket's "full at now".
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, is_new, new_of, sibling

base = sibling(__file__, "suite.py")

MARGIN: Fraction = base.MARGIN
BINARY_RATES: list[float] = base.BINARY_RATES
DECIMAL_RATES: list[float] = base.DECIMAL_RATES
EPOCH: int = base.EPOCH
KEYS = ["a", "b", "c", "d", "e", "f", "g", "h"]  # the order keys are first used in
CLASS = "KeyedLimiter"


class Account:
    """One key's bucket in exact arithmetic. `last` None: full (never drawn on, or known full), which
    every implementation holds as exactly `capacity` tokens."""

    def __init__(self, capacity: int, rate: float) -> None:
        self.capacity, self.rate = Fraction(capacity), Fraction(rate)
        self.tokens, self.last = self.capacity, None

    def held(self, now: float) -> Fraction:
        if self.last is None:
            return self.capacity
        return min(self.capacity, self.tokens + (Fraction(now) - self.last) * self.rate)

    def overflow(self, now: float) -> Fraction | None:
        """Tokens at `now` beyond capacity, uncapped (>= 0: full); None when known full."""
        if self.last is None:
            return None
        return self.tokens + (Fraction(now) - self.last) * self.rate - self.capacity

    def full_at(self) -> Fraction | None:
        return None if self.last is None else self.last + (self.capacity - self.tokens) / self.rate

    def enough_at(self, cost: int) -> Fraction | None:
        """When the bucket will hold `cost` tokens (None: never, or already)."""
        if self.last is None or cost > self.capacity:
            return None
        return self.last + (cost - self.tokens) / self.rate

    def take(self, now: float, cost: int) -> None:
        self.tokens, self.last = self.held(now) - cost, Fraction(now)


class Limiter:
    """The contract in exact arithmetic: one part-1 bucket per key, never forgotten (a full bucket
    is as good as a new one). Part 3's limits per key live here too."""

    def __init__(self, capacity: int, rate: float) -> None:
        self.default = (capacity, rate)
        self.limits: dict[str, tuple[int, float]] = {}
        self.accounts: dict[str, Account] = {}

    def limits_of(self, key: str) -> tuple[int, float]:
        return self.limits.get(key, self.default)

    def account(self, key: str) -> Account:
        if key not in self.accounts:
            self.accounts[key] = Account(*self.limits_of(key))
        return self.accounts[key]

    def live(self, now: float) -> list[str]:
        """Keys whose bucket is not full at `now`, in order of first use."""
        return [k for k, a in self.accounts.items() if a.held(now) < a.capacity]

    def tracked(self, now: float) -> int:
        return len(self.live(now))

    def allow(self, key: str, now: float, cost: int = 1) -> bool:
        account = self.account(key)
        if account.held(now) < cost:
            return False  # nothing changes, not even the time the tokens were counted at
        account.take(now, cost)
        return True


def replay(steps: list[Step]) -> Limiter:
    """The model after every step but the last of a keyed case (for hints)."""
    model = Limiter(*steps[0][1])
    for name, args in steps[1:-1]:
        if name == "allow":
            model.allow(*args)
        elif name == "allow_all":
            keys, now, *cost = args
            if all(model.account(k).held(now) >= (cost or [1])[0] for k in keys):
                for k in dict.fromkeys(keys):
                    model.account(k).take(now, (cost or [1])[0])
        elif name == "configure":
            model.limits[args[0]] = (args[1], args[2])
            model.accounts[args[0]] = Account(args[1], args[2])
    return model


class Draft:
    """A case being built: the steps so far, the model, and the clock in integer ticks of 1/unit s."""

    def __init__(self, capacity: int, rate: float, unit: int, start: int) -> None:
        self.unit, self.start, self.ticks = unit, start, start
        self.model = Limiter(capacity, rate)
        self.steps: list[Step] = [new_of(CLASS, capacity, rate)]
        self.seen: list[str] = []

    @property
    def now(self) -> float:
        return self.ticks / self.unit  # exact for unit 8; the float nearest for unit 10

    def exact(self, key: str) -> bool:
        """Whether every style computes this key's ties exactly (see the module docstring)."""
        rate = self.model.limits_of(key)[1]
        return self.unit == 8 and base._power_of_two(rate) and self.start < 8 * 10**6

    def margin(self, key: str) -> Fraction:
        """Part 1's MARGIN, or more at epoch-sized times: a style that keeps absolute times (GCRA's
        full time) rounds each to 1 ulp of `now` (2.4e-7 s at 1.7e9 s), errors that add up over calls
        and count times the key's rate in tokens."""
        rate = self.model.limits_of(key)[1]
        return max(MARGIN, Fraction(rate) * 64 * Fraction(math.ulp(self.now)))

    def settle(self) -> None:
        """Buckets full at `now` beyond doubt are as good as new: mark them so (exact either way)."""
        for key, account in self.model.accounts.items():
            over = account.overflow(self.now)
            if over is not None and over >= 0 and (over >= self.margin(key) or self.exact(key)):
                self.model.accounts[key] = Account(*self.model.limits_of(key))

    def clear_take(self, key: str, cost: int) -> bool:
        """Whether "the key holds at least `cost` tokens now" is decided alike by every style."""
        account = self.model.account(key)
        margin = account.held(self.now) - cost
        return account.last is None or abs(margin) >= self.margin(key) or self.exact(key)

    def clear_fullness(self) -> bool:
        """Whether every bucket's "full now" is decided alike by every style (for tracked)."""
        for key, account in self.model.accounts.items():
            over = account.overflow(self.now)
            if over is not None and abs(over) < self.margin(key) and not self.exact(key):
                return False
        return True

    def pick(self, how: tuple[int, int]) -> str:
        """mode 0: a key not full now; 1: any key seen; 2: a new key (each falls back to the next)."""
        mode, index = how
        live = self.model.live(self.now)
        if mode == 0 and live:
            return live[index % len(live)]
        if mode <= 1 and self.seen:
            return self.seen[index % len(self.seen)]
        if len(self.seen) < len(KEYS):
            self.seen.append(KEYS[len(self.seen)])
            return self.seen[-1]
        return self.seen[index % len(self.seen)]

    def advance(self, how: tuple[Any, ...], key: str | None = None, cost: int = 1) -> None:
        """("wait", ticks) | ("full", index, offset): when the index-th key not full now is full again |
        ("enough", offset): when `key` holds `cost` tokens. Never backwards."""
        target: Fraction | None = None
        if how[0] == "wait":
            self.ticks += how[1]
            return
        if how[0] == "full":
            live = self.model.live(self.now)
            if live:
                target = self.model.accounts[live[how[1] % len(live)]].full_at()
        elif key is not None:
            target = self.model.account(key).enough_at(cost)
        if target is not None:
            self.ticks = max(self.ticks, math.ceil(target * self.unit) + how[-1])

    def allow(self, key: str, cost: int) -> None:
        self.settle()
        if not self.clear_take(key, cost):
            return
        self.model.allow(key, self.now, cost)
        self.steps.append(call("allow", key, self.now) if cost == 1 else call("allow", key, self.now, cost))

    def tracked(self) -> None:
        self.settle()
        if self.clear_fullness():
            self.steps.append(call("tracked", self.now))


# -- strategies ---------------------------------------------------------------------------------------

def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """one_of with weights: one_of drops a strategy it already holds (by identity), so each extra
    weight is a distinct copy. Shrinking still moves towards the first choice."""
    return st.one_of(*[s if i == 0 else s.map(_same) for weight, s in choices for i in range(weight)])


def _same(x: Any) -> Any:
    return x


# A key: mostly one not full now (where the state is), else any key seen or a new one.
PICK = st.tuples(st.sampled_from([0, 0, 1, 2]), st.integers(0, len(KEYS) - 1))
COST = st.one_of(st.just(1), st.integers(1, 12))
WAIT_0 = st.just(("wait", 0))
WAIT_SHORT = st.tuples(st.just("wait"), st.integers(1, 16))
WAIT_LONG = st.tuples(st.just("wait"), st.integers(17, 400))
# Exactly at a bucket's full time (or a tick either side): where forgetting too early or too late shows.
FULL = st.tuples(st.just("full"), st.integers(0, len(KEYS) - 1), st.sampled_from([0, -1, 0, -1, 1]))
ENOUGH = st.tuples(st.just("enough"), st.sampled_from([0, 0, -1, 1]))
# Time before a call: often none (a burst), a fraction of a refill, a boundary, or a long idle.
# Shrinking moves towards "no time passes".
WHEN = weighted((2, WAIT_0), (2, WAIT_SHORT), (2, ENOUGH), (1, FULL), (1, WAIT_LONG))
# A look at once after the call (tracked at the same time) 1 time in 3.
LOOK = st.sampled_from([0, 0, 1])
# A cost of 0 stands for the key's capacity: with "enough", a call exactly when the bucket is full
# again, which any token lost or gained on the way shows.
ALLOW = st.tuples(st.just("allow"), PICK, WHEN, st.one_of(COST, st.just(0)), LOOK)
TRACKED = st.tuples(st.just("tracked"), weighted((1, WAIT_0), (2, FULL), (1, WAIT_SHORT)))


def apply(draft: Draft, move: tuple[Any, ...]) -> None:
    """One move of part 2 (part 3's suite adds its own and hands these back here)."""
    if move[0] == "allow":
        _, how, when, cost, look = move
        key = draft.pick(how)
        cost = cost or draft.model.limits_of(key)[0]
        draft.advance(when, key, cost)
        draft.allow(key, cost)
        if look:
            draft.tracked()
    elif move[0] == "tracked":
        draft.advance(move[1])
        draft.tracked()


def runs(move: st.SearchStrategy[Any], most: int = 8) -> st.SearchStrategy[list[Any]]:
    """Lists of short runs, flattened (as part 1's): cases of 1 to ~100 moves that shrink move by move."""
    return st.lists(st.lists(move, min_size=1, max_size=12), min_size=1, max_size=most).map(
        lambda rs: [m for r in rs for m in r])


def build(capacity: int, rate: float, unit: int, start: int, moves: list[Any]) -> list[Step]:
    draft = Draft(capacity, rate, unit, start)
    for move in moves:
        apply(draft, move)
    return draft.steps


MOVES = weighted((3, ALLOW), (1, TRACKED))
POWER_OF_TWO_RATES = [r for r in BINARY_RATES if base._power_of_two(r)]


def families(moves: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[list[Step]]:
    """Binary times with a power-of-two rate (every tie kept: the family shrinking moves towards),
    any binary rate and epoch-sized times, and decimal times and rates (ties left out)."""
    return st.one_of(
        st.builds(build, capacity=st.integers(1, 10), rate=st.sampled_from(POWER_OF_TWO_RATES), unit=st.just(8),
                  start=st.sampled_from([0, 8, 800]), moves=moves),
        st.builds(build, capacity=st.integers(1, 10), rate=st.sampled_from(BINARY_RATES), unit=st.just(8),
                  start=st.sampled_from([0, 800, EPOCH * 8]), moves=moves),
        st.builds(build, capacity=st.integers(1, 20), rate=st.sampled_from(DECIMAL_RATES), unit=st.just(10),
                  start=st.sampled_from([0, 10, 1000]), moves=moves),
    )


_CASES = families(runs(MOVES))


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


# -- examples -----------------------------------------------------------------------------------------

def _case(capacity: int, rate: float, *calls: tuple[Any, ...]) -> list[Step]:
    """Calls as (key, now[, cost]) for allow, or (now,) for tracked."""
    steps = [new_of(CLASS, capacity, rate)]
    for c in calls:
        steps.append(call("tracked", *c) if len(c) == 1 else call("allow", *c))
    return steps


EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _case(2, 1.0, ("a", 0.0), ("b", 0.0), ("a", 0.5), (1.0,), (2.0,)),
    "tracked before any call": _case(3, 1.0, (0.0,), ("a", 0.0, 4), (0.0,)),
    "a bucket exactly full at now is not tracked": _case(4, 0.5, ("a", 0.0, 2), ("b", 0.125), (3.875,), (4.0,),
                                                          (4.125,), ("a", 4.125, 4), (4.125,)),
    "a rejected first call leaves the key untracked": _case(2, 1.0, ("a", 0.0, 3), (0.0,), ("b", 0.0, 2),
                                                             ("b", 0.0), (0.0,), ("a", 0.0, 2), (0.0,)),
    "an evicted key returns as fresh": _case(2, 1.0, ("a", 0.0), ("a", 0.0), (2.0,), ("a", 2.0, 2), ("a", 2.0),
                                             (2.0,), ("a", 10.0, 2), ("a", 10.0)),
    "a key drawn on again is tracked until really full": _case(2, 1.0, ("a", 0.0), ("a", 0.5), (1.0,), (1.5,),
                                                                ("a", 1.5), (2.0,), (2.5,), (3.0,)),
    "keys never share tokens": _case(1, 0.5, ("a", 0.0), ("b", 0.0), ("a", 0.0), ("c", 1.0), ("b", 1.0),
                                     ("a", 2.0), (2.0,), ("c", 2.0), ("b", 2.0), (3.0,)),
    "a cost above capacity on a tracked key takes nothing": _case(3, 1.0, ("a", 0.0), ("a", 0.5, 4), (0.5,),
                                                                   ("a", 0.5, 3), (1.0,)),
    "ties at binary-fraction times": _case(1, 0.25, ("a", 0.0), ("b", 0.125), ("a", 3.875), ("a", 4.0), (4.0,),
                                           (4.125,), (8.0,)),
    "keys go idle in turn": _case(2, 0.5, ("a", 0.0), ("b", 1.0), ("c", 2.0), ("d", 3.0), (3.0,), ("e", 4.0),
                                  (4.0,), ("b", 4.5), (5.0,), (6.5,), (100.0,)),
    "epoch-sized timestamps": _case(2, 0.5, ("a", 1700000000.0), ("b", 1700000000.0), ("a", 1700000000.0),
                                    ("a", 1700000000.0), (1700000002.0,), (1700000004.0,)),
    "decimal rate": _case(10, 0.1, ("a", 0.0, 10), ("b", 0.0, 5), ("a", 5.0), (50.0,), (100.0,), (101.0,)),
}


# -- hooks --------------------------------------------------------------------------------------------

def renumber(steps: list[Step]) -> list[Step]:
    """Keys renamed "a", "b", ... in order of first use, in a case whose keys all come from that
    pool (a generated one, cut down); a hand-written case keeps its names ("ip:1" says more than "b")."""
    if not steps or steps[0][0] != f"new:{CLASS}":
        return steps  # part 1's cases have no keys
    used: dict[str, str] = {}

    def keys_of(call_name: str, args: list[Any]) -> list[Any]:
        if args and call_name in ("allow", "configure"):
            return [args[0]]
        if args and call_name in ("allow_all", "retry_after") and isinstance(args[0], list):
            return list(args[0])
        return []

    for call_name, args in steps:
        for key in keys_of(call_name, args):
            if key not in KEYS:
                return steps
            used.setdefault(key, KEYS[len(used)])
    out = []
    for call_name, args in steps:
        args = list(args)
        if call_name in ("allow", "configure"):
            args[0] = used[args[0]]
        elif call_name in ("allow_all", "retry_after"):
            args[0] = [used[k] for k in args[0]]
        out.append([call_name, args])
    return out


def _tokens(value: Fraction) -> str:
    shown = str(value.numerator) if value.denominator == 1 else f"{float(value):.10g}"
    return f"{shown} token{'' if value == 1 else 's'}"


def describe(model: Limiter, key: str, now: float) -> str:
    account = model.accounts.get(key)
    capacity, rate = model.limits_of(key)
    limits = f"capacity {capacity}, refill {rate:g}/s"
    if account is None or account.last is None or account.held(now) >= account.capacity:
        return f"{key!r} is full ({_tokens(Fraction(capacity))}: {limits})"
    return f"{key!r} holds {_tokens(account.held(now))} ({limits}; last drawn on at t={float(account.last):g})"


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        if not steps or not is_new(steps[0][0]) or steps[0][0] == "new":
            return base.advice(steps, index, expected, got)
        return keyed_advice(steps, index)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def keyed_advice(steps: list[Step], index: int) -> str | None:
    name, args = steps[index]
    if is_new(name):
        return ("KeyedLimiter(capacity, refill_per_sec) raised, so no call ran: write __init__ first")
    model = replay(steps[: index + 1])
    if name == "allow":
        key, now, *cost = args
        return f"just before this call at t={now:g}, {describe(model, key, now)}; the cost is {(cost or [1])[0]}"
    if name == "tracked":
        now = args[0]
        live = model.live(now)
        full = [k for k in model.accounts if k not in live]
        shown = "; ".join(describe(model, k, now) for k in live) or "none"
        return (f"at t={now:g} the keys not full are: {shown}"
                + (f"; full (not tracked): {', '.join(repr(k) for k in full)}" if full else ""))
    return None


# -- complexity ---------------------------------------------------------------------------------------

class Keys(Workload):
    """n keys drawn on once each and far from full: a bucket of 1000 refilled at 1/1024 token/s is
    full again 1024 s after a draw, and the clock moves 2^-20 s a call, so no key comes due while the
    state is measured (a state lives ~10^5 calls: 0.1 s). Every call still moves the clock, so that a
    limiter that sweeps its keys whenever time passes does sweep.

    allow_time: half the calls draw on existing keys, half on new ones (a new key is an insert: a
    limiter that sweeps only on inserts is seen too); the new keys stay, so the state drifts and the
    judge rebuilds it. tracked_time: `tracked` with nothing to forget. allow_memory, on a scratch
    state: a fresh limiter of 2 tokens refilled at 1/s, a new key every 1/4 s (and every 4th call a
    second draw on the key of 2 calls before), so each key is full again within 2 s: about 8 keys
    are ever not full, and a limiter that forgets full buckets keeps nothing per call."""

    CAPACITY, RATE, TICK = 1000, 1 / 1024, 2**20
    SMALL = (2, 1.0)

    def __init__(self) -> None:
        self.keys = 0  # keys drawn on in this state
        self.ticks = 0  # the clock, in 1/TICK s

    def start(self) -> list[Step]:
        # The limiter is made by grow(0, n), and the memory checks make their own: an empty start
        # keeps the memory phase from asking for a setup, which the judge refuses (an internal error)
        # once the time checks have spent the budget.
        return []

    def _now(self) -> float:
        self.ticks += 1
        return self.ticks / self.TICK

    def _new_key(self) -> Step:
        self.keys += 1
        return call("allow", f"k{self.keys}", self._now())

    def grow(self, old: int, new_size: int) -> list[Step]:
        made = [new_of(CLASS, self.CAPACITY, self.RATE)] if old == 0 else []
        return made + [self._new_key() for _ in range(self.keys, new_size)]

    def _existing(self, rng: random.Random) -> Step:
        return call("allow", f"k{rng.randint(1, self.keys)}", self._now())

    def _idle(self, batch: int) -> list[Step]:
        out = []
        for i in range(batch):
            self.ticks += self.TICK // 4  # a quarter second
            if i % 4 == 3:
                out.append(call("allow", f"m{self.keys - 1}", self.ticks / self.TICK))
            else:
                self.keys += 1
                out.append(call("allow", f"m{self.keys}", self.ticks / self.TICK))
        return out

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "allow_time":
            return [], [self._existing(rng) if i % 2 else self._new_key() for i in range(batch)], []
        if check == "tracked_time":
            return [], [call("tracked", self._now()) for _ in range(batch)], []
        if check == "allow_memory":  # a fresh limiter; the warm-up sets up whatever the first calls do
            return [new_of(CLASS, *self.SMALL), *self._idle(40)], self._idle(batch), []
        raise ValueError(f"no check {check!r}")

    def growth(self, check: str, batch: int) -> int:
        return (batch + 1) // 2 if check == "allow_time" else 0


WORKLOAD = Keys
