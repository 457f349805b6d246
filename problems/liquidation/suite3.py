"""Hidden suite for liquidation, part 3: LiquidationEngine (open, close, mark, insurance_fund).

A case builds one engine, opens a few positions and drives it through up to 8 rounds of marks,
aimed at live state by a model of the engine kept alongside the draw (the ids open, closed and
liquidated, each position's liquidation and bankruptcy price):
- marks exactly at a position's liquidation price (equality triggers), a tick past it, through its
  bankruptcy price (the fund pays the deficit and goes below 0), short of it (nothing happens), and
  at the other symbol (untouched);
- positions of mixed leverage on one symbol, so one mark liquidates several whose liquidation
  prices are not in id order (ids come back ascending), longs and shorts together;
- close of an open id, a closed one, a liquidated one and one never opened; a closed position that
  a later mark would have reached;
- insurance_fund() after marks, so a fund credited with the whole margin, or with the margin left at
  the position's own liquidation price instead of the mark, shows.

Floats, as in part 2: two engines in three use amounts a binary float holds exactly (prices on a 1/4
grid, quantities on 1/8, leverage a power of 2, rate 1/128 or 1/256) and only those are marked
exactly at a liquidation price; the others (rate 0.5%, prices in cents, leverage 1..100) are
always marked at least a cent away from every liquidation price of the symbol.

Comparison: open() returns a price, within a relative 1e-9 of the entry price as in part 1; the
fund within 1e-6 of a quote unit (USDT's smallest unit) or a relative 1e-9 of its value: a float
sum of margins of up to a million each is off by far less, every mistake by far more.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, Workload, call, new_of, sibling

part2 = sibling(__file__, "suite2.py")

D = Decimal
ENGINE = "LiquidationEngine"
METHODS = ("open", "close", "mark", "insurance_fund")
SYMBOLS = ("ETH", "BTC")
LEVEL = {"ETH": D(3000), "BTC": D(60_000)}  # where each symbol trades
LOT = {"ETH": D(10), "BTC": D(1)}  # the largest quantity drawn
EXACT_RATES = (D(1) / D(128), D(1) / D(256))
DECIMAL_RATES = (D("0.005"), D("0.004"), D("0.01"), D("0.0065"), D("0.001"), D("0.025"))
FUND_ABS_TOL = 1e-6
NEVER_OPENED = 99  # an id no case opens


@cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


_EXACT = st.sampled_from([True, False, True])
_EXACT_RATE = st.sampled_from(EXACT_RATES)
_DECIMAL_RATE = st.sampled_from(DECIMAL_RATES)
_SIDES = st.sampled_from(["long", "short", "long"])  # longs more: several go in one mark
_SYMBOL = st.sampled_from(["ETH", "BTC", "ETH"])  # ETH more: several positions meet on one symbol
# weights by repetition; "open" first, so a shrunk case keeps its positions and loses the rest
_AIMS = st.sampled_from(["at", "sweep", "gap", "closed", "past", "at", "sweep", "gap", "sweep", "at", "short", "any"])
_CLOSES = st.sampled_from(["liquidated", "open", "closed", "open", "liquidated", "never"])


# -- the model: the contract, naively, with the classic mistakes for the hints -----------------------


def _sign(side: str) -> int:
    """-1 for a long (it loses as the price falls), +1 for a short."""
    return -1 if side == "long" else 1


def liquidation(side: str, entry: Decimal, qty: Decimal, leverage: int, rate: Decimal) -> Decimal:
    """Part 1's liquidation price, in the reference's order of operations (the same rounding)."""
    notional = entry * qty
    return entry + _sign(side) * (notional / leverage - notional * rate) / qty


@dataclass
class Held:
    symbol: str
    side: str
    entry: Decimal
    qty: Decimal
    leverage: int
    liquidation: Decimal

    @property
    def margin(self) -> Decimal:
        return self.entry * self.qty / self.leverage

    @property
    def bankruptcy(self) -> Decimal:
        return self.entry + _sign(self.side) * self.margin / self.qty

    def reached(self, price: Decimal, strict: bool = False) -> bool:
        if self.side == "long":
            return price < self.liquidation if strict else price <= self.liquidation
        return price > self.liquidation if strict else price >= self.liquidation


class Model:
    """The engine by the contract's words (a scan per mark: cases are small), or with one mistake."""

    def __init__(self, rate: Decimal, mistake: str | None = None) -> None:
        self.rate, self.mistake = rate, mistake
        self.open: dict[int, Held] = {}
        self.closed: dict[int, Held] = {}
        self.liquidated: list[int] = []
        self.fund = D(0)

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "open":
            pid, symbol, side, entry, qty, leverage = args
            price = liquidation(side, entry, qty, leverage, self.rate)
            self.open[pid] = Held(symbol, side, entry, qty, leverage, price)
            return self.open[pid].liquidation
        if name == "close":
            found = self.open.pop(args[0], None)
            if found is not None:
                self.closed[args[0]] = found
            return found is not None
        if name == "mark":
            return self.mark(*args)
        if name == "insurance_fund":
            return self.fund
        raise KeyError(name)

    def mark(self, symbol: str, price: Decimal) -> list[int]:
        hit = [
            pid for pid, held in self.open.items()
            if held.symbol == symbol and held.reached(price, strict=self.mistake == "strict")
        ]
        if self.mistake == "unsorted":  # in the order reached: longs from the highest price, then shorts
            hit.sort(key=lambda pid: self._reached_order(self.open[pid]))
        for pid in hit:
            held = self.open.pop(pid)
            self.liquidated.append(pid)
            at = held.liquidation if self.mistake == "at_liquidation" else price
            left = held.margin - _sign(held.side) * (at - held.entry) * held.qty
            if self.mistake == "whole_margin":
                left = held.margin
            elif self.mistake == "no_deficit":
                left = max(left, D(0))
            self.fund += left
        return hit

    @staticmethod
    def _reached_order(held: Held) -> tuple[bool, Decimal]:
        return held.side == "short", -held.liquidation if held.side == "long" else held.liquidation

    def of(self, symbol: str) -> list[Held]:
        return [held for held in self.open.values() if held.symbol == symbol]


# -- strategies -------------------------------------------------------------------------------------


def _grid(value: Decimal, step: Decimal, up: bool = False) -> Decimal:
    return part2._grid(value, step, up)  # type: ignore[no-any-return]


@st.composite
def _open(draw: st.DrawFn, model: Model, pid: int, exact: bool) -> Step:
    symbol = draw(_SYMBOL)
    side = draw(_SIDES)
    level, lot = LEVEL[symbol], LOT[symbol]
    # leverage at most 1 / (2 * rate): the maintenance margin stays below half the initial margin
    most = min(125, int(1 / (2 * model.rate)))
    if exact:
        entry = _grid(level * D(draw(_ints(9_000, 11_000))) / 10_000, D(1) / 4)
        qty = D(draw(_ints(1, int(lot * 8)))) / 8
        leverage = 2 ** draw(_ints(0, most.bit_length() - 1))
    else:
        entry = _grid(level * D(draw(_ints(9_000, 11_000))) / 10_000, D("0.01"))
        qty = D(draw(_ints(1, int(lot * 1000)))) / 1000
        leverage = draw(_leverage(most))
    return call("open", pid, symbol, side, part2.tidy(entry), part2.tidy(qty), leverage)


@cache
def _leverage(most: int) -> st.SearchStrategy[int]:
    """Any leverage allowed, the usual ones and the largest often."""
    usual = sorted({n for n in (1, 3, 10, 20, 50, most) if n <= most})
    return st.one_of(st.sampled_from(usual), st.integers(1, most))


def _mark(draw: st.DrawFn, model: Model, exact: bool) -> Step:
    """A mark aimed at a position (open, or closed: it must stay untouched), on that position's
    symbol, or anywhere on either symbol."""
    tick = D(1) / 4 if exact else D("0.01")
    aim = draw(_AIMS)
    pool = list(model.closed.values()) if aim == "closed" else list(model.open.values())
    if aim == "any" or not pool:
        symbol = draw(_SYMBOL)
        price = _grid(LEVEL[symbol] * D(draw(_ints(5_000, 15_000))) / 10_000, tick)
    else:
        target = pool[draw(_ints(0, len(pool) - 1))]
        symbol = target.symbol
        if aim == "sweep":  # past the furthest open position on the target's side: that side goes at once
            side = [h for h in model.of(symbol) if h.side == target.side] or [target]
            target = min(side, key=lambda h: h.liquidation * _sign(h.side))
        down = target.side == "long"  # the way the price goes to reach it
        ticks = tick * draw(_ints(1, 40))
        if aim == "at" and exact:
            price = target.liquidation
        elif aim == "gap":  # through the bankruptcy price: the fund pays the deficit
            gap = target.entry * D(draw(_ints(1, 500))) / 10_000 + ticks
            price = _grid(target.bankruptcy - gap, tick) if down else _grid(target.bankruptcy + gap, tick, up=True)
        elif aim == "short":  # not quite there
            price = _grid(target.liquidation + ticks, tick, up=True) if down else _grid(
                target.liquidation - ticks, tick)
        else:  # a little past it
            price = _grid(target.liquidation - ticks, tick) if down else _grid(
                target.liquidation + ticks, tick, up=True)
    price = max(price, tick)
    # Exactly on a liquidation price only where a float can tell equality too.
    while not exact and any(h.liquidation == price for h in model.of(symbol)):
        price += tick
    return call("mark", symbol, part2.tidy(price))


def _close_id(draw: st.DrawFn, model: Model) -> int:
    kind = draw(_CLOSES)
    pool = {"open": sorted(model.open), "liquidated": model.liquidated, "closed": list(model.closed)}.get(kind, [])
    if not pool:
        pool = sorted(model.open) or model.liquidated or [NEVER_OPENED]
    return pool[draw(_ints(0, len(pool) - 1))] if kind != "never" else NEVER_OPENED


@st.composite
def _case(draw: st.DrawFn) -> list[Step]:
    """A few positions, often one of them closed at once, then rounds of: maybe open one more, maybe
    close one, a mark aimed at what is open (or was closed), the fund after a liquidation. Every
    optional call is drawn as a nonzero choice, so shrinking (towards 0) drops it."""
    exact = draw(_EXACT)
    rate = draw(_EXACT_RATE if exact else _DECIMAL_RATE)
    model = Model(rate)
    steps: list[Step] = [new_of(ENGINE, rate)]

    def run(step: Step) -> None:
        model.call(step[0], step[1])
        steps.append(step)

    pid = 0
    for _ in range(draw(_ints(1, 6))):
        pid += 1
        run(draw(_open(model, pid, exact)))
    if draw(_ints(0, 2)) != 0:  # the trader closes one at once: a mark aimed at it must pass it by
        open_ids = sorted(model.open)
        run(call("close", open_ids[draw(_ints(0, len(open_ids) - 1))]))
    for _ in range(draw(_ints(1, 8))):
        if draw(_ints(0, 2)) == 2:
            pid += 1
            run(draw(_open(model, pid, exact)))
        if draw(_ints(0, 3)) == 3:
            run(call("close", _close_id(draw, model)))
        before = len(model.liquidated)
        run(_mark(draw, model, exact))
        if len(model.liquidated) > before and draw(_ints(0, 3)) != 0:
            run(call("insurance_fund"))
        if model.liquidated and draw(_ints(0, 2)) == 2:
            run(call("close", _close_id(draw, model)))
    return steps


_CASES = _case()


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


# -- the worked example and the edge cases ----------------------------------------------------------

R = D("0.005")
R128 = D("0.0078125")  # 1/128: a float holds it, and every amount below, exactly


def engine(rate: Decimal = R) -> Step:
    return new_of(ENGINE, rate)


def _open_step(pid: int, symbol: str, side: str, entry: str, qty: str, leverage: int) -> Step:
    return call("open", pid, symbol, side, D(entry), D(qty), leverage)


FUND = call("insurance_fund")

EXAMPLES: dict[str, list[Step]] = {
    "worked example": [
        engine(),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        _open_step(2, "ETH", "short", "3000", "1", 10),
        call("mark", "ETH", D("2800")),
        call("mark", "ETH", D("2710")),
        FUND,
        call("mark", "ETH", D("3400")),
        FUND,
    ],
    "a mark exactly at the liquidation price liquidates": [
        engine(R128),
        _open_step(1, "ETH", "long", "3000", "2", 8),  # IM 750, MM 46.875: liquidated at 2648.4375
        _open_step(2, "ETH", "short", "3000", "2", 8),  # 3351.5625
        call("mark", "ETH", D("2648.4375")),
        FUND,
        call("mark", "ETH", D("3351.5625")),
        FUND,
    ],
    "through the bankruptcy price: the fund pays the deficit": [
        engine(),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        call("mark", "ETH", D("2600")),
        FUND,
        _open_step(2, "BTC", "short", "60000", "0.5", 20),
        call("mark", "BTC", D("66000")),
        FUND,
    ],
    "a mark moves only its own symbol": [
        engine(),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        _open_step(2, "BTC", "long", "60000", "0.1", 10),
        call("mark", "BTC", D("2000")),
        FUND,
        call("mark", "ETH", D("2000")),
    ],
    "several in one mark come back by id, not by liquidation price": [
        engine(),
        _open_step(1, "ETH", "long", "3000", "1", 5),
        _open_step(2, "ETH", "long", "3000", "1", 50),
        _open_step(3, "ETH", "long", "2950", "2", 20),
        _open_step(4, "ETH", "short", "3000", "1", 10),
        call("mark", "ETH", D("2000")),
        FUND,
    ],
    "close: open, closed, liquidated, never opened": [
        engine(),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        _open_step(2, "ETH", "long", "3000", "1", 20),
        call("close", 1),
        call("close", 1),
        call("mark", "ETH", D("2700")),
        call("close", 2),
        call("close", NEVER_OPENED),
        FUND,
    ],
    "a closed position is never liquidated and pays nothing": [
        engine(),
        _open_step(1, "ETH", "short", "3000", "1", 10),
        _open_step(2, "ETH", "short", "3000", "3", 10),
        call("close", 2),
        call("mark", "ETH", D("3500")),
        FUND,
    ],
    "the fund starts at 0; nothing held, nothing liquidated": [
        engine(),
        FUND,
        call("mark", "ETH", D("3000")),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        call("mark", "BTC", D("1")),
        FUND,
    ],
    "open does not look at the last mark: the next mark liquidates": [
        engine(),
        call("mark", "ETH", D("2000")),
        _open_step(1, "ETH", "long", "3000", "1", 10),
        FUND,
        call("mark", "ETH", D("2000")),
        FUND,
    ],
    "1x long and a non-terminating margin": [
        engine(),
        _open_step(1, "ETH", "long", "3000.5", "1.5", 1),  # liquidated at 15.0025, bankrupt at 0
        _open_step(2, "ETH", "long", "3001", "0.7", 3),  # IM 700.2333...
        call("mark", "ETH", D("10")),
        FUND,
    ],
}


# -- comparison, hints, readable ids -----------------------------------------------------------------


def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    name, args = step
    if name == "open":
        if not part2._number(got):
            return False
        entry = float(args[3])
        return values.equal(expected, got, tolerance.float_rel_tol, max(tolerance.float_abs_tol,
                                                                        tolerance.float_rel_tol * entry))
    if name == "insurance_fund":
        return part2._number(got) and values.equal(expected, got, tolerance.float_rel_tol, FUND_ABS_TOL)
    if name in ("mark", "close") or name.startswith("new"):
        return values.equal(expected, got)
    return bool(part2.equal(step, expected, got, tolerance))


def renumber(steps: list[Step]) -> list[Step]:
    """Position ids from 1 in order of first appearance (a shrunk case may open only id 4). The
    judge keeps the result only if it still fails the same way."""
    if not any(step[0] == f"new:{ENGINE}" for step in steps):
        return steps
    ids: dict[Any, int] = {}
    out: list[Step] = []
    for name, args in steps:
        if name in ("open", "close") and args:
            args = [ids.setdefault(args[0], len(ids) + 1), *args[1:]]
        out.append([name, args])
    return out


HINTS = {
    "whole_margin": "the fund gets what is left of the margin (initial margin + P&L at the mark), not the whole "
                    "initial margin: the trader's loss has used the rest",
    "at_liquidation": "the position is closed at the mark, not at its own liquidation price: a mark that gaps "
                      "past it leaves less margin (or a deficit) for the fund",
    "no_deficit": "past the bankruptcy price the margin left is negative: the fund pays that deficit and "
                  "may go below 0",
    "strict": "a mark exactly at the liquidation price liquidates (long: mark <= price, short: mark >= price)",
    "unsorted": "return the liquidated ids in ascending order, not in the order of their liquidation prices",
}


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    name = steps[index][0]
    if name not in METHODS and not name.startswith("new"):
        hint: str | None = part2.advice(steps, index, expected, got)
        return hint
    if name.startswith("new"):
        return (f"{ENGINE}(mm_rate) raised, so nothing was opened: write __init__ first (the starter's "
                "methods raise NotImplementedError until you write them)")
    if name in ("mark", "insurance_fund") and got is not None:
        # replay the case with each classic mistake: the one that returns what the solution did
        for mistake, hint in HINTS.items():
            model = Model(steps[0][1][0], mistake)
            results = [model.call(n, a) for n, a in steps[1: index + 1]]
            if _same(name, results[-1], got) and not _same(name, results[-1], expected):
                return hint
    if name == "insurance_fund" and isinstance(got, float):
        return ("a float misses here: money is exact in a ledger (use NUMERIC, not FLOAT): keep the fund, the "
                "margins and the P&L as Decimal")
    if name == "close" and expected is False and got is True:
        return "close returns False for an id that is not open: closed, liquidated, or never opened"
    return None


def _same(name: str, a: Any, b: Any) -> bool:
    if name == "insurance_fund":
        return part2._number(b) and values.equal(a, b, 1e-9, FUND_ABS_TOL)
    return values.equal(a, b)


# -- complexity: a mark that liquidates nothing, as the open positions grow ---------------------------


class Engine(Workload):
    """n open BTC positions, longs entered at 40-45k and shorts at 55-60k with leverage 2..100, so
    every long liquidates below 45k and every short above 55k; the timed marks (49-51k) reach none."""

    def start(self) -> list[Step]:
        return [new_of(ENGINE, R)]

    def grow(self, old: int, new: int) -> list[Step]:
        rng = random.Random(new)
        steps = []
        for pid in range(old + 1, new + 1):
            if pid % 2:
                steps.append(call("open", pid, "BTC", "long", D(rng.randint(4_000_000, 4_500_000)) / 100,
                                  D(rng.randint(1, 1000)) / 1000, rng.randint(2, 100)))
            else:
                steps.append(call("open", pid, "BTC", "short", D(rng.randint(5_500_000, 6_000_000)) / 100,
                                  D(rng.randint(1, 1000)) / 1000, rng.randint(2, 100)))
        return steps

    def sample(self, check: str, n: int, batch: int, rng: random.Random) -> tuple[list[Step], list[Step], list[Step]]:
        return [], [call("mark", "BTC", D(rng.randint(4_900_000, 5_100_000)) / 100) for _ in range(batch)], []


WORKLOAD = Engine
