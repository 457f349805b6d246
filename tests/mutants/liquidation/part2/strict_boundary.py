"""Mutant of reference2.py: equity equal to maintenance is not liquidatable (< instead of <=).

Reference, parts 1-2: isolated-margin prices (part 1) and cross margin (part 2), in exact Decimal.

Part 1 (unchanged): per unit of the position, initial margin is entry / leverage and maintenance
margin is entry * rate (valued at the entry price), so a long liquidates at
entry - (IM - MM) / qty and goes bankrupt at entry - IM / qty; a short the same with +.

Part 2, cross margin: the whole account backs every position. With sign +1 for a long and -1 for a
short, unrealized P&L is sign * (mark - entry) * qty, equity = balance + the sum of it, and the
maintenance margin is valued at the mark (qty * mark * rate). The account is liquidated once
equity <= maintenance. For one symbol, with the other marks fixed, equity and maintenance are both
linear in its price p, so the price where they meet has a closed form (o = the other positions,
U_o their unrealized P&L, M_o their notional at the mark):

    long:  B + U_o + q * (p - e) = r * M_o + r * q * p   ->  p = (r*M_o + q*e - B - U_o) / (q * (1 - r))
    short: B + U_o + q * (e - p) = r * M_o + r * q * p   ->  p = (B + U_o + q*e - r*M_o) / (q * (1 + r))

O(P) per call for P positions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

Position = tuple[str, str, Decimal, Decimal]  # (symbol, side, entry_price, quantity)


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
    maintenance_margin = notional * maintenance_margin_rate
    # The position is liquidated once its loss eats the margin down to the maintenance margin.
    return _tidy(entry_price + _sign(side) * (initial_margin - maintenance_margin) / quantity)


def bankruptcy_price(side: str, entry_price: Decimal, quantity: Decimal, leverage: int) -> Decimal:
    initial_margin = entry_price * quantity / leverage
    # Bankrupt once the loss has eaten all of the margin; for a 1x long that is a price of 0.
    return _tidy(entry_price + _sign(side) * initial_margin / quantity)


# -- part 2: cross margin ----------------------------------------------------------------------------


def _pnl(position: Position, marks: Mapping[str, Decimal]) -> Decimal:
    symbol, side, entry, quantity = position
    # _sign is the direction of a loss, so a profit runs the other way.
    return -_sign(side) * (marks[symbol] - entry) * quantity


def _unrealized(positions: Sequence[Position], marks: Mapping[str, Decimal]) -> Decimal:
    return sum((_pnl(p, marks) for p in positions), Decimal(0))


def _notional(positions: Sequence[Position], marks: Mapping[str, Decimal]) -> Decimal:
    """The positions' value at the mark, what the maintenance margin is a share of."""
    return sum((quantity * marks[symbol] for symbol, _side, _entry, quantity in positions), Decimal(0))


def equity(balance: Decimal, positions: Sequence[Position], marks: Mapping[str, Decimal]) -> Decimal:
    return _tidy(balance + _unrealized(positions, marks))


def maintenance(positions: Sequence[Position], marks: Mapping[str, Decimal], mm_rate: Decimal) -> Decimal:
    # Valued at the mark, unlike part 1: a position that has grown in value needs more margin.
    return _tidy(_notional(positions, marks) * mm_rate)


def is_liquidatable(
    balance: Decimal, positions: Sequence[Position], marks: Mapping[str, Decimal], mm_rate: Decimal
) -> bool:
    # A comparison of amounts, not the ratio MM / equity >= 1: that ratio turns negative (and says
    # "safe") once equity is below zero, and divides by zero at 0.
    return balance + _unrealized(positions, marks) < _notional(positions, marks) * mm_rate


def cross_liquidation_price(
    balance: Decimal,
    positions: Sequence[Position],
    marks: Mapping[str, Decimal],
    mm_rate: Decimal,
    symbol: str,
) -> Decimal | None:
    mine = [p for p in positions if p[0] == symbol]
    if not mine:
        return None
    _symbol, side, entry, quantity = mine[0]
    others = [p for p in positions if p[0] != symbol]
    pnl_others = _unrealized(others, marks)
    maintenance_others = _notional(others, marks) * mm_rate
    if side == "long":
        price = (maintenance_others + quantity * entry - balance - pnl_others) / (quantity * (1 - mm_rate))
    elif side == "short":
        price = (balance + pnl_others + quantity * entry - maintenance_others) / (quantity * (1 + mm_rate))
    else:
        raise ValueError(f"side must be 'long' or 'short', not {side!r}")
    # No positive price liquidates a long that safe, and a short that deep is liquidatable at any price.
    return _tidy(price) if price > 0 else None
