"""Mutant of reference.py: the maintenance rate read as a percentage.

Reference: isolated-margin liquidation and bankruptcy prices, in exact Decimal arithmetic.

Per unit of the position, initial margin is entry / leverage and maintenance margin is
entry * rate (part 1 values it at the entry price), so:

    long:  liquidation = entry - (IM - MM) / qty = entry * (1 - 1/leverage + rate)
           bankruptcy  = entry - IM / qty        = entry * (1 - 1/leverage)
    short: the same with + for the first -.

The code keeps the amounts the way a ledger would (margins in quote currency, then divided by the
quantity) rather than the simplified per-unit form, so it reads like the spec. O(1).
"""

from __future__ import annotations

from decimal import Decimal


def _sign(side: str) -> int:
    """-1 for a long (it loses as the price falls), +1 for a short (it loses as the price rises)."""
    if side == "long":
        return -1
    if side == "short":
        return 1
    raise ValueError(f"side must be 'long' or 'short', not {side!r}")


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros for display (2715.000 -> 2715, 0E-8 -> 0); the value is unchanged."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def liquidation_price(
    side: str, entry_price: Decimal, quantity: Decimal, leverage: int, maintenance_margin_rate: Decimal
) -> Decimal:
    notional = entry_price * quantity
    initial_margin = notional / leverage
    maintenance_margin = notional * maintenance_margin_rate / 100
    # The position is liquidated once its loss eats the margin down to the maintenance margin.
    return _tidy(entry_price + _sign(side) * (initial_margin - maintenance_margin) / quantity)


def bankruptcy_price(side: str, entry_price: Decimal, quantity: Decimal, leverage: int) -> Decimal:
    initial_margin = entry_price * quantity / leverage
    # Bankrupt once the loss has eaten all of the margin; for a 1x long that is a price of 0.
    return _tidy(entry_price + _sign(side) * initial_margin / quantity)
