"""Hidden suite for liquidation, part 2: cross margin (equity, maintenance, is_liquidatable,
cross_liquidation_price).

A case is one account (balance, positions, a maintenance rate) seen under a few sets of marks, and
up to 6 calls on it. The balance is not drawn freely: it is solved for so that the account sits
where mistakes show:
- exactly on the liquidation boundary (equity == maintenance: `<` instead of `<=`);
- at a chosen cross liquidation price p of one symbol, with that symbol's mark then moved to p and
  a step either side of it (the boundary seen through the formula), p = 0 included (None);
- clearly safe, clearly liquidatable, or under water (equity < 0, where the ratio MM / equity turns
  negative and reads "safe").
Marks move up to 60% from the entries, so valuing maintenance at the entry instead of the mark, or
leaving out the other positions' P&L, moves every answer far past the tolerance.

Floats: two accounts in three use amounts a binary float holds exactly (prices on a 1/4 grid,
quantities on 1/8, rates 1/256..1/32) and only those are put exactly on a boundary, so a float (or
JavaScript) solution is never failed by rounding alone on a yes/no question; the others use
realistic decimals (rate 0.5%, prices with 4 decimals), kept well clear of the boundary.

Comparison: a relative 1e-9 of the amounts the answer is built from (see `scale`), as in part 1
where it is measured against the entry price: equity can cancel to about 0, where a float's residue
is relative to the balance and notionals, not to the result.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, Workload, call, sibling

base = sibling(__file__, "suite.py")

D = Decimal
Position = tuple[str, str, Decimal, Decimal]
Marks = dict[str, Decimal]

FUNCTIONS = ("equity", "maintenance", "is_liquidatable", "cross_liquidation_price")
SYMBOLS = ("ETH", "BTC", "SOL", "XRP")
UNKNOWN = "DOGE"  # a symbol no case holds a position in (it may still have a mark)
# Rates a ledger uses; and rates a binary float holds exactly (1/256 .. 1/32), for the exact boundaries.
DECIMAL_RATES = tuple(D(r) for r in ("0.005", "0.004", "0.01", "0.0065", "0.025", "0.001", "0.05"))
BINARY_RATES = tuple(D(1) / D(2**k) for k in (7, 8, 6, 5))
# Fractions of the account's notional for balances and distances from the boundary, in basis points.
FRACTIONS_BP = (100, 500, 1000, 2500, 5000, 10_000, 20_000, 30)


@cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


_EXACT = st.sampled_from([True, False, True])  # exact first: where the boundaries are, and what shrinks
_SIDES = st.sampled_from(["long", "short"])
_DECIMAL_RATE = st.sampled_from(DECIMAL_RATES)
_BINARY_RATE = st.sampled_from(BINARY_RATES)
_FRACTION = st.sampled_from(FRACTIONS_BP)
_KIND = st.sampled_from(["zero", "boundary", "price", "boundary", "zero", "underwater", "price", "free"])


# -- the model: the contract's formulas, and the classic mistakes for the hints ----------------------


def _direction(side: str) -> int:
    """+1 for a long (gains as the price rises), -1 for a short."""
    return 1 if side == "long" else -1


def unrealized(positions: Sequence[Position], marks: Mapping[str, Decimal]) -> Decimal:
    return sum((_direction(s) * (marks[sym] - e) * q for sym, s, e, q in positions), D(0))


def notional(positions: Sequence[Position], marks: Mapping[str, Decimal]) -> Decimal:
    return sum((q * marks[sym] for sym, _s, _e, q in positions), D(0))


def solve_balance(
    positions: Sequence[Position], marks: Mapping[str, Decimal], rate: Decimal, symbol: str, price: Decimal
) -> Decimal:
    """The balance for which `price` is `symbol`'s cross liquidation price (the formulas solved for B)."""
    others = [p for p in positions if p[0] != symbol]
    (_sym, side, entry, qty) = next(p for p in positions if p[0] == symbol)
    pnl_o, mm_o = unrealized(others, marks), notional(others, marks) * rate
    if side == "long":
        return mm_o + qty * entry - pnl_o - qty * price * (1 - rate)
    return qty * price * (1 + rate) - pnl_o - qty * entry + mm_o


def model(name: str, args: list[Any], mistake: str | None = None) -> Any:
    """What `name` returns, or what it returns with one classic mistake (for the hints)."""
    if name == "equity":
        balance, positions, marks = args
        if mistake == "short_sign":
            return balance + sum(((marks[sym] - e) * q for sym, _s, e, q in positions), D(0))
        return balance + unrealized(positions, marks)
    if name == "maintenance":
        positions, marks, rate = args
        if mistake == "at_entry":
            return sum((q * e for _sym, _s, e, q in positions), D(0)) * rate
        return notional(positions, marks) * rate
    if name == "is_liquidatable":
        balance, positions, marks, rate = args
        eq, mm = balance + unrealized(positions, marks), notional(positions, marks) * rate
        if mistake == "at_entry":
            mm = sum((q * e for _sym, _s, e, q in positions), D(0)) * rate
        if mistake == "strict":
            return eq < mm
        if mistake == "ratio":
            return eq != 0 and mm / eq >= 1
        return eq <= mm
    if name == "cross_liquidation_price":
        return _cross(*args, mistake=mistake)
    raise KeyError(name)


def _cross(
    balance: Decimal, positions: Sequence[Position], marks: Mapping[str, Decimal], rate: Decimal, symbol: str,
    mistake: str | None = None,
) -> Decimal | None:
    mine = [p for p in positions if p[0] == symbol]
    if not mine:
        return None
    _sym, side, entry, qty = mine[0]
    others = list(positions) if mistake == "self_in_others" else [p for p in positions if p[0] != symbol]
    pnl_o = D(0) if mistake == "no_other_pnl" else unrealized(others, marks)
    value_o = sum((q * e for _s, _d, e, q in others), D(0)) if mistake == "at_entry" else notional(others, marks)
    mm_o = value_o * rate
    if mistake == "at_entry":  # the position's own maintenance fixed at its entry too
        own = qty * entry * rate
        price = ((mm_o + own + qty * entry - balance - pnl_o) / qty if side == "long"
                 else (balance + pnl_o + qty * entry - mm_o - own) / qty)
    elif side == "long":
        price = (mm_o + qty * entry - balance - pnl_o) / (qty * (1 - rate))
    else:
        price = (balance + pnl_o + qty * entry - mm_o) / (qty * (1 + rate))
    if mistake == "no_none":
        return price
    return price if price > 0 else None


# -- strategies -------------------------------------------------------------------------------------


def tidy(value: Decimal) -> Decimal:
    """Without trailing zeros, for a readable case (71461.500000 -> 71461.5); the value is unchanged."""
    return value.quantize(D(1)) if value == value.to_integral_value() else value.normalize()


def _grid(value: Decimal, step: Decimal, up: bool = False) -> Decimal:
    """value rounded to a multiple of step (down, or up)."""
    units = value / step
    whole = units.to_integral_value(rounding="ROUND_CEILING" if up else "ROUND_FLOOR")
    return tidy(whole * step)


@st.composite
def _position(draw: st.DrawFn, symbol: str, exact: bool) -> tuple[Position, Decimal]:
    """A position and its mark: up to 60% away from the entry, either way."""
    side = draw(_SIDES)
    if exact:  # a 1/4 price grid, a 1/8 quantity grid: sums and products stay exact in a float
        entry = D(draw(_ints(1, 400_000))) / 4
        qty = D(draw(_ints(1, 8_000))) / 8
        mark = max(D(1) / 4, _grid(entry * D(draw(_ints(4_000, 16_000))) / 10_000, D(1) / 4))
    else:
        entry = draw(base._amount(100_000, 4))
        qty = draw(base._amount(1_000, 4))
        mark = tidy(entry * D(draw(_ints(4_000, 16_000))) / 10_000)
    return (symbol, side, entry, qty), mark


def _positive(value: Decimal, grid: Decimal) -> Decimal | None:
    rounded = _grid(value, grid)
    return rounded if rounded > 0 else None


@st.composite
def _account(draw: st.DrawFn) -> tuple[Decimal, list[Position], Decimal, list[Marks], list[tuple[str, int, str]]]:
    """(balance, positions, rate, mark sets, preferred calls as (function, mark set, symbol))."""
    exact = draw(_EXACT)
    grid = D(1) / 4 if exact else D("0.01")
    count = draw(_ints(1, 4))
    symbols = list(SYMBOLS[:count])
    positions, marks = [], {}
    for symbol in symbols:
        position, mark = draw(_position(symbol, exact))
        positions.append(position)
        marks[symbol] = mark
    if draw(_ints(0, 3)) == 0:  # a mark for a symbol not held: nothing to add for it
        marks[UNKNOWN] = D(7)
    rate = draw(_BINARY_RATE if exact else _DECIMAL_RATE)
    size = notional(positions, marks)
    kind = draw(_KIND)
    mark_sets: list[Marks] = [marks]
    preferred: list[tuple[str, int, str]] = []
    target = symbols[draw(_ints(0, count - 1))]
    balance: Decimal | None = None
    if kind == "zero" and not exact:
        kind = "price"  # a price of exactly 0 only where a float can tell 0 too
    if kind in ("price", "zero"):
        # Solve for the balance that puts `target`'s cross liquidation price at a chosen p.
        longs = [p[0] for p in positions if p[1] == "long"]
        if kind == "zero" and longs:  # a short's p = 0 needs the others deep in loss: rarely reachable
            target = longs[0]
        _s, side, _entry, qty = next(p for p in positions if p[0] == target)
        ceiling = solve_balance(positions, marks, rate, target, D(0))  # the balance for p = 0
        price: Decimal | None = None
        if kind == "zero":
            price = D(0)
        elif side == "long" and ceiling > 0:
            # B falls as p rises: p = 0 takes the whole ceiling, p = the ceiling's price takes none.
            price = _positive(ceiling / (qty * (1 - rate)) * D(draw(_ints(1, 9_999))) / 10_000, grid)
        elif side == "short":
            bottom = max(D(0), -ceiling / (qty * (1 + rate)))
            price = _grid(bottom * (1 + D(draw(_FRACTION)) / 10_000) + grid * draw(_ints(1, 400)), grid, up=True)
        if price is not None:
            candidate = solve_balance(positions, marks, rate, target, price)
            if candidate > 0:
                balance = tidy(candidate)
                preferred.append(("cross_liquidation_price", 0, target))
                if price > 0:
                    step = max(grid, _grid(price * D(draw(_FRACTION)) / 10_000, grid))
                    for moved in ([price] if exact else []) + [price + step, price - step]:
                        if moved > 0:
                            mark_sets.append({**marks, target: moved})
                            preferred.append(("is_liquidatable", len(mark_sets) - 1, target))
    elif kind == "boundary" or kind == "underwater":
        # Solve for the balance that leaves equity - maintenance = gap at these marks.
        gap = D(draw(_FRACTION)) * size / 10_000
        if kind == "underwater":  # equity itself below 0 (or exactly 0)
            gap = -size * rate - (D(0) if exact and draw(_ints(0, 2)) == 0 else gap)
        elif exact and draw(_ints(0, 1)) == 0:
            gap = D(0)
        elif draw(_ints(0, 1)) == 0:
            gap = -gap
        gap = _grid(gap, grid) if exact else gap
        candidate = size * rate - unrealized(positions, marks) + gap
        if candidate > 0:
            balance = tidy(candidate)
            preferred.append(("is_liquidatable", 0, target))
    if balance is None:  # free, or a target no positive balance reaches
        balance = max(grid, _grid(size * D(draw(_FRACTION)) / 10_000, grid))
    # one more move of one symbol, often against its position
    other = symbols[draw(_ints(0, count - 1))]
    mark_sets.append({**marks, other: _grid(marks[other] * D(draw(_ints(4_000, 16_000))) / 10_000 + grid, grid)})
    return balance, positions, rate, mark_sets, preferred


def _step(name: str, balance: Decimal, positions: list[Position], marks: Marks, rate: Decimal, symbol: str) -> Step:
    held = [tuple(p) for p in positions]
    if name == "equity":
        return call(name, balance, held, dict(marks))
    if name == "maintenance":
        return call(name, held, dict(marks), rate)
    if name == "is_liquidatable":
        return call(name, balance, held, dict(marks), rate)
    return call(name, balance, held, dict(marks), rate, symbol)


@st.composite
def _calls(draw: st.DrawFn) -> list[Step]:
    balance, positions, rate, mark_sets, preferred = draw(_account())
    symbols = [p[0] for p in positions] + [UNKNOWN]
    menu = preferred + [(f, m, s) for m in range(len(mark_sets)) for f in FUNCTIONS for s in symbols[:1]]
    menu += [("cross_liquidation_price", 0, s) for s in symbols[1:]]
    # each call on what the balance was solved for, most of the time (shrinking drops them), then others
    chosen = [c for c in preferred if draw(_ints(0, 3)) != 0]
    chosen += [menu[draw(_ints(0, len(menu) - 1))] for _ in range(draw(_ints(0 if chosen else 1, 4 - len(chosen))))]
    if draw(_ints(0, 4)) == 4:  # a symbol with no position (0 shrinks it away)
        chosen.append(("cross_liquidation_price", 0, UNKNOWN))
    return [_step(name, balance, positions, mark_sets[at], rate, symbol) for name, at, symbol in chosen]


@st.composite
def _case(draw: st.DrawFn) -> list[Step]:
    """Up to 3 accounts, a few calls each: the functions keep no state, so more accounts per case
    reach more boundaries per case, and a failing case shrinks to the one call that fails."""
    return [step for _ in range(draw(_ints(1, 3))) for step in draw(_calls())]


_CASES = _case()


def cases() -> st.SearchStrategy[list[Step]]:
    return _CASES


# -- complexity: cross_liquidation_price as the account grows --------------------------------------


@cache
def big_account(n: int) -> tuple[Decimal, tuple[Position, ...], dict[str, Decimal]]:
    """n positions, half long and half short, marks up to 10% either side of the entries."""
    rng = random.Random(n)
    positions = tuple(
        (f"S{i:05d}", "long" if i % 2 else "short", D(rng.randint(1_000, 100_000)) / 100, D(rng.randint(1, 1_000)) / 10)
        for i in range(n)
    )
    marks = {sym: tidy(entry * rng.randint(9_000, 11_000) / 10_000) for sym, _s, entry, _q in positions}
    return D(1_000_000), positions, marks


class Account(Workload):
    """No state to grow (these are functions): every timed call carries an account of n positions."""

    def start(self) -> list[Step]:
        return []

    def grow(self, old: int, new: int) -> list[Step]:
        return []

    def sample(self, check: str, n: int, batch: int, rng: random.Random) -> tuple[list[Step], list[Step], list[Step]]:
        balance, positions, marks = big_account(n)
        timed = [
            call("cross_liquidation_price", balance, list(positions), marks, D("0.005"), f"S{rng.randrange(n):05d}")
            for _ in range(batch)
        ]
        return [], timed, []


WORKLOAD = Account


# -- the worked example and the edge cases ----------------------------------------------------------

ETH_SOL = [("ETH", "long", D("3000"), D("1")), ("SOL", "short", D("150"), D("10"))]
R = D("0.005")
# Exact in binary floats too: a long 2 ETH at 3000 marked at 2900 (a loss of 200), rate 1/128.
R2 = D("0.0078125")
TWO_ETH = [("ETH", "long", D("3000"), D("2"))]
ON_EDGE = D("245.3125")  # = maintenance 2 * 2900 / 128 = 45.3125, plus the loss of 200


def _cross_call(balance: Decimal, positions: list[Position], marks: Marks, rate: Decimal, symbol: str) -> Step:
    return call("cross_liquidation_price", balance, positions, marks, rate, symbol)


EXAMPLES: dict[str, list[Step]] = {
    "worked example": [
        call("equity", D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150")}),
        call("maintenance", ETH_SOL, {"ETH": D("3000"), "SOL": D("150")}, R),
        call("is_liquidatable", D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150")}, R),
        _cross_call(D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150")}, R, "ETH"),
        _cross_call(D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150")}, R, "SOL"),
    ],
    "profit elsewhere moves the price away, a loss brings it closer": [
        _cross_call(D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("120")}, R, "ETH"),
        _cross_call(D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("170")}, R, "ETH"),
        call("equity", D("500"), ETH_SOL, {"ETH": D("2600"), "SOL": D("120")}),
    ],
    "maintenance is valued at the mark, not the entry": [
        call("maintenance", ETH_SOL, {"ETH": D("3600"), "SOL": D("180")}, R),
        # a short 10 ETH at 2000 marked at 2400: equity 4170 - 4000 = 170, maintenance 24000 / 128 = 187.5
        # (at the entry it would be 156.25, and the account would look safe)
        call("is_liquidatable", D("4170"), [("ETH", "short", D("2000"), D("10"))], {"ETH": D("2400")}, R2),
    ],
    "equity exactly equal to maintenance is liquidatable": [
        call("equity", ON_EDGE, TWO_ETH, {"ETH": D("2900")}),
        call("maintenance", TWO_ETH, {"ETH": D("2900")}, R2),
        call("is_liquidatable", ON_EDGE, TWO_ETH, {"ETH": D("2900")}, R2),
        call("is_liquidatable", ON_EDGE + D("0.25"), TWO_ETH, {"ETH": D("2900")}, R2),
    ],
    "at the cross liquidation price itself": [
        _cross_call(ON_EDGE, TWO_ETH, {"ETH": D("2700")}, R2, "ETH"),
        call("is_liquidatable", ON_EDGE, TWO_ETH, {"ETH": D("2900")}, R2),
        call("is_liquidatable", ON_EDGE, TWO_ETH, {"ETH": D("2900.25")}, R2),
    ],
    "one position: cross margin is not part 1's isolated price": [
        _cross_call(D("300"), [("ETH", "long", D("3000"), D("1"))], {"ETH": D("3000")}, R, "ETH"),
        _cross_call(D("300"), [("ETH", "short", D("3000"), D("1"))], {"ETH": D("3000")}, R, "ETH"),
        _cross_call(D("1000"), [("BTC", "short", D("64250.5"), D("0.3"))], {"BTC": D("65000")}, D("0.004"), "BTC"),
    ],
    "non-terminating divisions": [
        _cross_call(D("50"), [("SOL", "long", D("151.37"), D("3"))], {"SOL": D("149.99")}, D("0.0065"), "SOL"),
        _cross_call(D("100"), [("SOL", "short", D("151.37"), D("7"))], {"SOL": D("149.99")}, D("0.0065"), "SOL"),
    ],
    "no position in that symbol": [
        _cross_call(D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150"), "BTC": D("65000")}, R, "BTC"),
        _cross_call(D("500"), [], {"ETH": D("3000")}, R, "ETH"),
        call("equity", D("500"), [], {}),
        call("maintenance", [], {"ETH": D("3000")}, R),
        call("is_liquidatable", D("500"), [], {}, R),
    ],
    "a long too well funded to liquidate: None": [
        _cross_call(D("5000"), [("ETH", "long", D("3000"), D("1"))], {"ETH": D("3000")}, R, "ETH"),
        # exactly p = 0 (1/128 of 2 * 3000 = 46.875, plus 2 * 3000): None, not 0
        _cross_call(D("6046.875"), [("ETH", "long", D("3000"), D("2")), ("BTC", "long", D("6000"), D("1"))],
                    {"ETH": D("3000"), "BTC": D("6000")}, R2, "ETH"),
    ],
    "a short already past saving: None": [
        _cross_call(D("100"), [("ETH", "short", D("3000"), D("1")), ("SOL", "long", D("150"), D("100"))],
                    {"ETH": D("3000"), "SOL": D("100")}, R, "ETH"),
    ],
    "negative and zero equity are liquidatable": [
        call("equity", D("100"), ETH_SOL, {"ETH": D("2800"), "SOL": D("150")}),
        call("is_liquidatable", D("100"), ETH_SOL, {"ETH": D("2800"), "SOL": D("150")}, R),
        call("is_liquidatable", D("200"), ETH_SOL, {"ETH": D("2800"), "SOL": D("150")}, R),
    ],
    "marks for symbols not held are ignored": [
        call("maintenance", ETH_SOL, {"ETH": D("3000"), "SOL": D("150"), "BTC": D("65000")}, R),
        call("equity", D("500"), ETH_SOL, {"ETH": D("3000"), "SOL": D("150"), "BTC": D("65000")}),
    ],
}


# -- comparison and hints ---------------------------------------------------------------------------


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def scale(name: str, args: list[Any]) -> float:
    """The size of the amounts the answer is built from: a float's rounding is relative to these."""
    balance = args[0] if name in ("equity", "is_liquidatable", "cross_liquidation_price") else D(0)
    positions, marks = (args[1], args[2]) if name != "maintenance" else (args[0], args[1])
    total = abs(float(balance)) + sum(float(q) * (float(e) + float(marks[sym])) for sym, _s, e, q in positions)
    if name == "cross_liquidation_price":
        held = [float(q) for sym, _s, _e, q in positions if sym == args[4]]
        total /= held[0] if held else 1.0
    return total


def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    name, args = step
    if name not in FUNCTIONS:
        return bool(base.equal(step, expected, got, tolerance))
    if name == "is_liquidatable" or expected is None:
        return values.equal(expected, got)
    if not _number(got):
        return False
    absolute = max(tolerance.float_abs_tol, tolerance.float_rel_tol * scale(name, args))
    return values.equal(expected, got, tolerance.float_rel_tol, absolute)


MISTAKES: dict[str, list[tuple[str, str]]] = {
    "equity": [
        ("short_sign", "a short gains when the price falls: its P&L is (entry - mark) x quantity"),
    ],
    "maintenance": [
        ("at_entry", "in part 2 maintenance is valued at the mark (quantity x mark x rate), not at the entry"),
    ],
    "cross_liquidation_price": [
        ("no_other_pnl", "the other positions' unrealized P&L is part of the equity that backs this one"),
        (
            "self_in_others",
            "the other positions' P&L and maintenance leave out the position being priced: its own terms move with p",
        ),
        (
            "at_entry",
            "maintenance moves with the price: value it at p for this symbol and at the mark for "
            "the others (it is quantity x p x rate, not quantity x entry x rate)",
        ),
        ("no_none", "when the price solved for is 0 or below, no price liquidates: return None"),
    ],
}


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    name, args = steps[index]
    if name not in FUNCTIONS:
        hint: str | None = base.advice(steps, index, expected, got)
        return hint
    if name == "is_liquidatable":
        return _liquidatable_facts(args)
    close = _close(name, args)
    for mistake, hint in MISTAKES[name]:
        if close(model(name, args, mistake), got) and not close(expected, got):
            return hint
    if got is None:
        return (
            "if it raised NotImplementedError, this function is still the starter stub: write it; if it "
            "raised TypeError, keep every amount a Decimal (Decimal and float do not mix); None is only "
            "for a symbol not held or a price solved for at 0 or below"
        )
    if isinstance(got, float):
        return (
            "a float misses here: money is exact in a ledger (use NUMERIC, not FLOAT): keep the Decimal "
            "amounts you are given as Decimal"
        )
    return None


def _liquidatable_facts(args: list[Any]) -> str:
    """The amounts behind the answer: a yes/no says too little to tell which mistake gave it."""
    balance, positions, marks, rate = args
    eq, mm = balance + unrealized(positions, marks), notional(positions, marks) * rate
    at_entry = sum((q * e for _sym, _s, e, q in positions), D(0)) * rate
    facts = f"here equity is {tidy(eq)} and maintenance (at the marks) {tidy(mm)}"
    if eq == mm:
        return f"{facts}: exactly equal, which is liquidatable (<=, not <)"
    if eq <= 0:
        return (f"{facts}: equity at or below 0 is liquidatable; the ratio maintenance / equity turns negative "
                "there (or divides by zero) and reads as safe: compare equity <= maintenance")
    if (eq <= at_entry) != (eq <= mm):
        return f"{facts}; valued at the entries maintenance would be {tidy(at_entry)}: part 2 values it at the mark"
    return f"{facts}: liquidatable when equity <= maintenance"


def _close(name: str, args: list[Any]) -> Callable[[Any, Any], bool]:
    tol = 1e-9 * scale(name, args)

    def close(a: Any, b: Any) -> bool:
        if _number(a) and _number(b):
            return math.isclose(float(a), float(b), rel_tol=0, abs_tol=tol)
        return values.equal(a, b)

    return close
