"""Hidden suite for liquidation, part 1 (valid input only).

Inputs are realistic: prices with 0-8 decimals from 0.00000001 to 100,000, quantities with 0-4
decimals, leverage 1..125 and a maintenance rate of 0.1%..5% that is at most half the initial margin
rate (1/leverage), as on exchanges' tier tables (125x goes with 0.4%). So the maintenance margin is
always below the initial margin: a long liquidates between its bankruptcy price and its entry, a short
between its entry and its bankruptcy price. A 1x long has bankruptcy price exactly 0.

Comparison: relative tolerance 1e-9, measured against the entry price rather than the result. A float
solution's rounding error is relative to the magnitudes it works with (the entry price), and the 1x
long's bankruptcy price is 0: a float written as entry - entry * q / 1 / q leaves a residue up to
~1.5e-11 there for about 7% of inputs, which the default absolute tolerance (1e-12) would reject.
Every classic mistake, where it differs at all, is off by at least 4e-7 of the entry price (the
quantity mistake at quantity 1.0001, 125x), far above this tolerance.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, call

SIDES = ["long", "short"]


@cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    """One strategy object per range: building strategies inside every draw costs more than drawing."""
    return st.integers(low, high)


@cache
def _one_of_ints(low: int, high: int, *often: int) -> st.SearchStrategy[int]:
    return st.one_of(st.integers(low, high), st.sampled_from(often) if len(often) > 1 else st.just(often[0]))


_FUNCTIONS = st.sampled_from(["liquidation_price", "bankruptcy_price"])
_SIDES = st.sampled_from(SIDES)


@st.composite
def _amount(draw: st.DrawFn, max_whole: int, max_decimals: int) -> Decimal:
    """whole + frac / 10**d, never 0; shrinks towards a plain 1."""
    decimals = draw(_ints(0, max_decimals))
    # a whole part of 0 often: prices and quantities below 1, down to the smallest (1e-8, 1e-4)
    whole = draw(_one_of_ints(0, max_whole, 0))
    frac = draw(_ints(0, 10**decimals - 1))
    if whole == 0 and frac == 0:
        whole = 1
    return Decimal(whole) + Decimal(frac) / Decimal(10**decimals)


def max_rate_bp(leverage: int) -> int:
    """Largest maintenance rate in units of 0.0001 for this leverage: min(5%, half of 1/leverage)."""
    return min(500, 10_000 // (2 * leverage))


@st.composite
def _call(draw: st.DrawFn) -> Step:
    function = draw(_FUNCTIONS)
    side = draw(_SIDES)
    entry = draw(_amount(100_000, 8))
    quantity = draw(_amount(10_000, 4))
    # the ends of every range often: 1x (a long's bankruptcy at 0) and 125x, the least and the most
    # maintenance rate a leverage allows
    leverage = draw(_one_of_ints(1, 125, 1, 125, 2, 100))
    if function == "bankruptcy_price":
        return call(function, side, entry, quantity, leverage)
    most = max_rate_bp(leverage)
    rate = Decimal(draw(_one_of_ints(10, most, most, 10))) / Decimal(10_000)
    return call(function, side, entry, quantity, leverage, rate)


def cases() -> st.SearchStrategy[list[Step]]:
    return st.lists(_call(), min_size=1, max_size=6)


D = Decimal
EXAMPLES: dict[str, list[Step]] = {
    "worked example, long": [
        call("liquidation_price", "long", D("3000"), D("1"), 10, D("0.005")),
        call("bankruptcy_price", "long", D("3000"), D("1"), 10),
    ],
    "worked example, short": [
        call("liquidation_price", "short", D("3000"), D("1"), 10, D("0.005")),
        call("bankruptcy_price", "short", D("3000"), D("1"), 10),
    ],
    "fractional quantity": [
        call("liquidation_price", "long", D("64250.5"), D("0.25"), 20, D("0.004")),
        call("liquidation_price", "short", D("64250.5"), D("0.25"), 20, D("0.004")),
    ],
    "1x long goes bankrupt only at 0": [
        call("bankruptcy_price", "long", D("1850.75"), D("3"), 1),
        call("liquidation_price", "long", D("1850.75"), D("3"), 1, D("0.05")),
        call("bankruptcy_price", "short", D("1850.75"), D("3"), 1),
    ],
    "125x with 0.4% maintenance": [
        call("liquidation_price", "long", D("97000"), D("0.002"), 125, D("0.004")),
        call("liquidation_price", "short", D("97000"), D("0.002"), 125, D("0.004")),
        call("bankruptcy_price", "short", D("97000"), D("0.002"), 125),
    ],
    "tiny price, large quantity": [
        call("liquidation_price", "short", D("0.00001234"), D("25000000"), 5, D("0.01")),
        call("bankruptcy_price", "long", D("0.00001234"), D("25000000"), 5),
    ],
}


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    """Within float_rel_tol of the entry price (see the module docstring); only numbers count."""
    if not _number(got):
        return False
    entry = float(step[1][1])
    return values.equal(
        expected, got, tolerance.float_rel_tol, max(tolerance.float_abs_tol, tolerance.float_rel_tol * entry)
    )


# -- hints: recognise the classic mistakes from the value returned ---------------------------------


def _mistakes(name: str, args: list[Any]) -> list[tuple[Decimal, str]]:
    """(what the mistake returns, the hint) for each classic mistake of this call."""
    side, entry, qty, lev = args[:4]
    rate = args[4] if name == "liquidation_price" else Decimal(0)
    sign = -1 if side == "long" else 1
    im, mm = entry * qty / lev, entry * qty * rate
    if name == "bankruptcy_price":
        return [
            (
                entry - sign * im / qty,
                "the short side's sign is flipped: a short goes bankrupt above its entry",
            ),
            (
                entry + sign * im,
                "the initial margin is money for the whole position: divide it by the "
                "quantity to get a price distance",
            ),
        ]
    return [
        (
            entry - sign * (im - mm) / qty,
            "the short side's sign is flipped: a long liquidates below its entry, a short above it",
        ),
        (
            entry + sign * (im - im * rate) / qty,
            "maintenance margin is notional x rate (entry x quantity x rate), not initial margin x rate",
        ),
        (
            entry + sign * (im - mm) / qty / lev,
            "leverage is divided once, in initial margin = notional / "
            "leverage; (initial - maintenance) / quantity is not divided by it again",
        ),
        (
            entry + sign * (im - mm),
            "(initial margin - maintenance margin) is money for the whole position: "
            "divide it by the quantity to get a price distance",
        ),
        (
            entry + sign * im / qty,
            "that is the bankruptcy price: liquidation comes earlier, when the margin "
            "left equals the maintenance margin",
        ),
    ]


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    name, args = steps[index]
    if got is None:
        return (
            "if it raised NotImplementedError, this function is still the starter stub: write it; "
            "if it raised TypeError: Decimal and float do not mix (Decimal('3000') * 0.1 raises), so "
            "keep every operand a Decimal (Decimal(1) / leverage works, 1 / leverage is a float); if it "
            "returned None, return the price"
        )
    if not _number(got):
        return f"return a number (a Decimal, or a float), not {type(got).__name__}"
    tol = 1e-9 * float(args[1])  # the comparison's own tolerance, see equal()
    for value, hint in _mistakes(name, args):
        if math.isclose(float(value), float(got), rel_tol=0, abs_tol=tol) and not math.isclose(
            float(value), float(expected), rel_tol=0, abs_tol=tol
        ):
            return hint
    return None
