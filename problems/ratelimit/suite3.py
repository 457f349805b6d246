"""Hidden suite for ratelimit, part 3: limits per key (configure), the all-or-nothing check over
several keys (allow_all) and the wait until it would pass (retry_after).

Built like part 2's cases (suite2.py: an exact model, moves aimed at live keys and at boundaries),
with three more moves: configure a key (its own capacity and rate, from the case's family of rates,
so that a key's ties are exact only where its own rate is a power of two), allow_all / retry_after on
1 to 4 keys (sometimes one named twice), and retry_after followed by allow_all at now + the delay it
returned (give or take one tick): the delay must be right to the tick. Where the delay is a tie the
rules of part 2 apply: kept only where every style computes it exactly.

retry_after's float is compared to within 1e-9 s (equal()): it is (cost - tokens) / rate, and float
tokens that took many calls to compute are off by ~1e-13, divided by a rate as low as 0.1/s. At
epoch-sized times the tolerance is 64 ulps of `now` instead (1.5e-5 s at 1.7e9 s), as a style that
keeps absolute times (GCRA's full time) rounds each of them to 1 ulp of `now`.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, call, new_of, sibling

part2 = sibling(__file__, "suite2.py")

KEYS: list[str] = part2.KEYS
CLASS: str = part2.CLASS
Account = part2.Account
RETRY_TOLERANCE = 1e-9  # seconds


class Draft(part2.Draft):
    def __init__(self, capacity: int, rate: float, unit: int, start: int, rates: list[float]) -> None:
        super().__init__(capacity, rate, unit, start)
        self.rates = rates  # the family's rates, for configure

    def configure(self, key: str, capacity: int, rate: float) -> None:
        self.model.limits[key] = (capacity, rate)
        self.model.accounts[key] = Account(capacity, rate)
        self.steps.append(call("configure", key, capacity, rate))

    def keys(self, picks: list[tuple[int, int]], twice: int | None) -> list[str]:
        """Distinct keys, and one of them named twice if `twice`."""
        keys: list[str] = []
        for how in picks:  # distinct keys (a key named twice is `twice`'s job): the next live, seen or new one
            key = self.pick(how)
            if key in keys:
                spare = [k for k in self.model.live(self.now) + self.seen if k not in keys]
                key = spare[0] if spare else self.pick((2, 0))
            if key not in keys:
                keys.append(key)
        if twice is not None:
            keys.append(keys[twice % len(keys)])
        return keys

    def order(self, keys: list[str], order: int, cost: int) -> None:
        """order 0: as picked; 1: the key that waits longest for the cost last (where a partial take
        shows); 2: first (where a wait that is not the last key's shows)."""
        if order:  # by the wait until the key holds the cost, each key at its own rate
            def wait(key: str) -> Fraction:
                account = self.model.account(key)
                return (cost - account.held(self.now)) / account.rate

            keys.sort(key=wait, reverse=order == 2)

    def retry(self, keys: list[str], cost: int) -> Fraction | None:
        """The model's retry_after."""
        if any(cost > self.model.limits_of(k)[0] for k in keys):
            return None
        return max(max(Fraction(0), (cost - self.model.account(k).held(self.now)) / self.model.account(k).rate)
                   for k in keys)

    def advance_all(self, how: tuple[Any, ...], keys: list[str], cost: int) -> None:
        """As Draft.advance, with "enough" meaning: when every key holds the cost."""
        if how[0] != "enough":
            self.advance(how)
            return
        wait = self.retry(keys, cost)
        if wait is not None:
            self.ticks = max(self.ticks, math.ceil((Fraction(self.now) + wait) * self.unit) + how[-1])

    def allow_all(self, keys: list[str], cost: int) -> None:
        self.settle()
        distinct = list(dict.fromkeys(keys))
        if not all(self.clear_take(k, cost) for k in distinct):
            return
        if all(self.model.account(k).held(self.now) >= cost for k in distinct):
            for k in distinct:
                self.model.account(k).take(self.now, cost)
        self.steps.append(call("allow_all", keys, self.now) if cost == 1 else call("allow_all", keys, self.now, cost))

    def retry_after(self, keys: list[str], cost: int) -> Fraction | None:
        self.settle()  # retry_after is continuous in the tokens: no decision to leave out
        self.steps.append(call("retry_after", keys, self.now) if cost == 1
                          else call("retry_after", keys, self.now, cost))
        return self.retry(keys, cost)


# -- strategies ---------------------------------------------------------------------------------------

PICKS = st.tuples(st.lists(part2.PICK, min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, 3)))
CONFIGURE = st.tuples(st.just("configure"), part2.PICK, st.integers(1, 10), st.integers(0, 11), st.just(0))
# allow_all (or configure, mid-case), then mostly a look at what it left (see look()).
LOOK = st.sampled_from([0, 1, 2, 1, 2])
RECONFIGURE = st.tuples(st.just("configure"), part2.PICK, st.integers(1, 10), st.integers(0, 11), LOOK)
# For allow_all, "enough" is mostly a tick early: the key that waits longest is short, the others
# not, and in order 1 (see Draft.order) it is named last: a partial take shows.
WHEN_ALL = part2.weighted((2, part2.WAIT_0), (2, part2.WAIT_SHORT), (2, st.tuples(st.just("enough"), st.sampled_from(
    [-1, 0, -1, 1]))), (1, part2.FULL), (1, part2.WAIT_LONG))
ALLOW_ALL = st.tuples(st.just("allow_all"), PICKS, WHEN_ALL, part2.COST, st.sampled_from([1, 0, 1, 2]), LOOK)
# A cost of 0 stands for the smallest capacity among the keys: every key not full then has a wait.
RETRY_COST = st.one_of(part2.COST, st.just(0))
RETRY = st.tuples(st.just("retry_after"), PICKS, part2.WHEN, RETRY_COST, st.sampled_from([2, 0, 2]))
# retry_after, then allow_all on the same keys at now + the delay (or a tick before or after).
RETRY_THEN = st.tuples(st.just("retry_then"), PICKS, part2.WHEN, RETRY_COST, st.sampled_from([1, 0, 2]), LOOK,
                       st.sampled_from([0, -1, 0, 1]))


def look(draft: Draft, keys: list[str], how: int) -> None:
    """What a call left, at once: 1, tracked; 2, the first key's wait until full (which shows
    its exact tokens: a key charged by a refused allow_all waits longer)."""
    if how == 1:
        draft.tracked()
    elif how == 2:
        draft.retry_after(keys[:1], draft.model.limits_of(keys[0])[0])


def apply(draft: Draft, move: tuple[Any, ...]) -> None:
    kind = move[0]
    if kind == "configure":
        _, how, capacity, rate, then = move
        key = draft.pick(how)
        draft.configure(key, capacity, draft.rates[rate % len(draft.rates)])
        look(draft, [key], then)
    elif kind in ("allow_all", "retry_after", "retry_then"):
        (picks, twice), when, cost, order = move[1:5]
        keys = draft.keys(picks, twice)
        if cost == 0:
            cost = min(draft.model.limits_of(k)[0] for k in keys)
        draft.order(keys, order, cost)
        draft.advance_all(when, keys, cost)
        if kind == "allow_all":
            draft.allow_all(keys, cost)
            look(draft, keys, move[5])
            return
        wait = draft.retry_after(keys, cost)
        if kind == "retry_then" and wait is not None:
            draft.ticks = max(draft.ticks, math.ceil((Fraction(draft.now) + wait) * draft.unit) + move[6])
            draft.allow_all(keys, cost)
            look(draft, keys, move[5])
    else:
        part2.apply(draft, move)


MOVES = part2.weighted((3, part2.ALLOW), (1, part2.TRACKED), (3, ALLOW_ALL), (2, RETRY), (2, RETRY_THEN),
                       (2, RECONFIGURE))


def build(capacity: int, rate: float, unit: int, start: int, rates: list[float],
          setup: list[tuple[Any, ...]], moves: list[Any]) -> list[Step]:
    draft = Draft(capacity, rate, unit, start, rates)
    for move in setup:  # keys configured before any call, as a gateway starts
        apply(draft, move)
    for move in moves:
        apply(draft, move)
    return draft.steps


def families(moves: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[list[Step]]:
    """Part 2's families; configured rates come from the family's own list."""
    setup = st.lists(CONFIGURE, max_size=3)
    p2 = part2.POWER_OF_TWO_RATES
    return st.one_of(
        st.builds(build, capacity=st.integers(1, 10), rate=st.sampled_from(p2), unit=st.just(8),
                  start=st.sampled_from([0, 8, 800]), rates=st.just(p2), setup=setup, moves=moves),
        st.builds(build, capacity=st.integers(1, 10), rate=st.sampled_from(part2.BINARY_RATES), unit=st.just(8),
                  start=st.sampled_from([0, 800, part2.EPOCH * 8]), rates=st.just(part2.BINARY_RATES), setup=setup,
                  moves=moves),
        st.builds(build, capacity=st.integers(1, 20), rate=st.sampled_from(part2.DECIMAL_RATES), unit=st.just(10),
                  start=st.sampled_from([0, 10, 1000]), rates=st.just(part2.DECIMAL_RATES), setup=setup,
                  moves=moves),
    )


_CASES = families(part2.runs(MOVES, most=10))  # more moves a case: more kinds of call to mix


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


# -- examples -----------------------------------------------------------------------------------------

def _case(capacity: int, rate: float, *steps: Step) -> list[Step]:
    return [new_of(CLASS, capacity, rate), *steps]


def _all(keys: list[str], now: float, cost: int = 1) -> Step:
    return call("allow_all", keys, now) if cost == 1 else call("allow_all", keys, now, cost)


def _retry(keys: list[str], now: float, cost: int = 1) -> Step:
    return call("retry_after", keys, now) if cost == 1 else call("retry_after", keys, now, cost)


def _allow(key: str, now: float, cost: int = 1) -> Step:
    return call("allow", key, now) if cost == 1 else call("allow", key, now, cost)


def _tracked(now: float) -> Step:
    return call("tracked", now)


def _configure(key: str, capacity: int, rate: float) -> Step:
    return call("configure", key, capacity, rate)


EXAMPLES: dict[str, list[Step]] = {
    "worked example from the spec": _case(
        5, 1.0, _configure("ip:1", 3, 1.0), _all(["u:7", "ip:1"], 0.0, 3), _all(["u:8", "ip:1"], 1.0, 2),
        _tracked(1.0), _retry(["u:8", "ip:1"], 1.0, 2), _all(["u:8", "ip:1"], 1.875, 2), _all(["u:8", "ip:1"], 2.0, 2),
        _tracked(2.0)),
    "a failing key leaves the keys before it untouched": _case(
        3, 1.0, _allow("b", 0.0, 3), _all(["a", "b"], 0.0), _tracked(0.0), _allow("a", 0.0, 3),
        _all(["c", "d", "b"], 0.5), _tracked(0.5), _allow("c", 0.5, 3), _allow("d", 0.5, 3)),
    "a key named twice is charged once": _case(
        2, 1.0, _all(["a", "a"], 0.0, 2), _tracked(0.0), _allow("a", 0.0), _all(["b", "c", "b"], 0.0),
        _allow("b", 0.0), _allow("b", 0.0), _retry(["a", "a"], 0.0, 2)),
    "retry_after is 0 when allow_all would pass": _case(
        2, 1.0, _retry(["a"], 0.0), _retry(["a"], 0.0, 2), _allow("a", 0.0, 2), _retry(["a"], 0.5),
        _retry(["a", "b"], 1.0), _retry(["b", "a"], 1.5, 2), _retry(["a"], 9.0, 2)),
    "allow_all passes at now + retry_after, not a tick before": _case(
        4, 0.5, _all(["a", "b"], 0.0, 3), _allow("b", 0.0), _retry(["a", "b"], 0.25, 2), _all(["a", "b"], 3.875, 2),
        _all(["a", "b"], 4.0, 2), _retry(["a", "b"], 4.0, 2)),
    "retry_after changes nothing": _case(
        2, 1.0, _allow("a", 0.0, 2), _retry(["a"], 0.0), _retry(["a", "b"], 0.0, 2), _tracked(0.0),
        _retry(["a"], 1.0), _allow("a", 1.0), _allow("a", 1.0), _retry(["b"], 1.0, 2), _allow("b", 1.0, 2)),
    "retry_after is None when the cost exceeds a key's capacity": _case(
        5, 1.0, _configure("ip", 2, 1.0), _retry(["u", "ip"], 0.0, 3), _all(["u", "ip"], 0.0, 3), _tracked(0.0),
        _retry(["u"], 0.0, 3), _retry(["ip"], 0.0, 2), _retry(["ip", "u"], 0.0, 6)),
    "configure resets a key to full at the new capacity": _case(
        2, 1.0, _allow("a", 0.0, 2), _tracked(0.0), _configure("a", 5, 0.5), _tracked(0.0), _allow("a", 0.0, 5),
        _allow("a", 1.0), _retry(["a"], 1.0), _tracked(1.0), _allow("b", 1.0, 2), _allow("b", 1.0)),
    "configure again: the latest limits apply": _case(
        4, 1.0, _configure("a", 1, 1.0), _configure("a", 3, 2.0), _allow("a", 0.0, 3), _retry(["a"], 0.0, 3),
        _allow("a", 1.0, 2), _configure("a", 1, 0.25), _allow("a", 1.0, 2), _allow("a", 1.0), _tracked(1.0)),
    "each key refills at its own rate": _case(
        4, 1.0, _configure("fast", 4, 4.0), _all(["fast", "slow"], 0.0, 4), _retry(["fast"], 0.5, 4),
        _retry(["fast", "slow"], 0.5, 4), _tracked(0.5), _tracked(1.0), _allow("fast", 1.0, 4), _tracked(4.0)),
    "decimal rates": _case(
        10, 0.1, _configure("ip", 3, 3.3), _all(["u", "ip"], 0.0, 3), _retry(["u", "ip"], 0.5, 2),
        _all(["u", "ip"], 0.6, 2), _all(["u", "ip"], 0.7, 2), _retry(["u", "ip"], 0.7, 6), _tracked(1.7)),
    "epoch-sized timestamps": _case(
        3, 0.5, _configure("ip", 2, 0.25), _all(["u", "ip"], 1700000000.0, 2), _retry(["u", "ip"], 1700000000.0, 2),
        _all(["u", "ip"], 1700000007.0, 2), _all(["u", "ip"], 1700000008.0, 2), _tracked(1700000008.0)),
}


# -- hooks --------------------------------------------------------------------------------------------

def renumber(steps: list[Step]) -> list[Step]:
    return part2.renumber(steps)


def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    """retry_after within RETRY_TOLERANCE seconds (or 64 ulps of `now`); anything else as the judge
    compares by default."""
    if step[0] == "retry_after" and expected is not None and got is not None:
        seconds = max(RETRY_TOLERANCE, 64 * math.ulp(float(step[1][1])))
        return values.equal(expected, got, RETRY_TOLERANCE, seconds)
    return values.equal(expected, got, tolerance.float_rel_tol, tolerance.float_abs_tol)


def advice(steps: list[Step], index: int, expected: object, got: object) -> str | None:
    try:
        name, args = steps[index]
        if not steps or steps[0][0] != f"new:{CLASS}" or name not in ("allow_all", "retry_after"):
            return part2.advice(steps, index, expected, got)
        model = part2.replay(steps[: index + 1])
        keys, now, *cost = args
        shown = "; ".join(part2.describe(model, k, now) for k in dict.fromkeys(keys))
        return f"just before this call at t={now:g}: {shown}; the cost is {(cost or [1])[0]}"
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


# -- complexity ---------------------------------------------------------------------------------------

class Keys(part2.Keys):
    """Part 2's checks, and the same for allow_all: two keys not full and, every other call, a new
    one (allow_all_time); a fresh limiter where each call names a new key and the previous call's,
    every 1/4 s (allow_all_memory: about 8 keys are ever not full)."""

    def _idle_pairs(self, batch: int) -> list[Step]:
        out = []
        for _ in range(batch):
            self.ticks += self.TICK // 4
            self.keys += 1
            out.append(call("allow_all", [f"m{self.keys}", f"m{self.keys - 1}"], self.ticks / self.TICK))
        return out

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "allow_all_time":
            timed = []
            for i in range(batch):
                keys = [f"k{rng.randint(1, self.keys)}", f"k{rng.randint(1, self.keys)}"]
                if i % 2 == 0:
                    self.keys += 1
                    keys.append(f"k{self.keys}")
                timed.append(call("allow_all", keys, self._now()))
            return [], timed, []
        if check == "allow_all_memory":
            return [new_of(CLASS, *self.SMALL), *self._idle_pairs(40)], self._idle_pairs(batch), []
        return super().sample(check, n, batch, rng)

    def growth(self, check: str, batch: int) -> int:
        return (batch + 1) // 2 if check == "allow_all_time" else super().growth(check, batch)


WORKLOAD = Keys
