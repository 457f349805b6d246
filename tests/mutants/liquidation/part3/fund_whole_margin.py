"""Mutant of reference3.py: the fund is credited with the whole initial margin, not what is left of it.

Reference, parts 1-3: isolated-margin prices (part 1), cross margin (part 2) and a liquidation
engine with an insurance fund (part 3), in exact Decimal.

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

Part 3, the engine: every open position waits in a heap per (symbol, side) keyed by its part-1
liquidation price, longs highest first and shorts lowest first, so a mark that liquidates nothing
looks at two heap tops: O(1), and O(log n) per position it does liquidate. A closed position is only
forgotten in the id map; its heap entry goes when it reaches a top (lazy deletion).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    return balance + _unrealized(positions, marks) <= _notional(positions, marks) * mm_rate


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


# -- part 3: the liquidation engine ------------------------------------------------------------------


@dataclass(frozen=True)
class _Open:
    symbol: str
    side: str
    entry: Decimal
    quantity: Decimal
    initial_margin: Decimal
    liquidation: Decimal


class LiquidationEngine:
    def __init__(self, mm_rate: Decimal) -> None:
        self._rate = mm_rate
        self._open: dict[int, _Open] = {}
        # per symbol: longs as (-liquidation, pid), shorts as (liquidation, pid); the top is the next to go
        self._longs: dict[str, list[tuple[Decimal, int]]] = {}
        self._shorts: dict[str, list[tuple[Decimal, int]]] = {}
        self._fund = Decimal(0)

    def open(self, pid: int, symbol: str, side: str, entry_price: Decimal, quantity: Decimal, leverage: int) -> Decimal:
        liquidation = liquidation_price(side, entry_price, quantity, leverage, self._rate)
        margin = entry_price * quantity / leverage
        self._open[pid] = _Open(symbol, side, entry_price, quantity, margin, liquidation)
        if side == "long":
            heapq.heappush(self._longs.setdefault(symbol, []), (-liquidation, pid))
        else:
            heapq.heappush(self._shorts.setdefault(symbol, []), (liquidation, pid))
        return liquidation

    def close(self, pid: int) -> bool:
        # The trader's own close: the P&L is theirs, the fund sees nothing. The heap entry stays until
        # it reaches a top, where mark() skips it.
        return self._open.pop(pid, None) is not None

    def mark(self, symbol: str, price: Decimal) -> list[int]:
        hit: list[int] = []
        longs = self._longs.get(symbol, [])
        while longs and -longs[0][0] >= price:  # a long goes once the price is at or below its level
            hit.append(heapq.heappop(longs)[1])
        shorts = self._shorts.get(symbol, [])
        while shorts and shorts[0][0] <= price:  # a short once it is at or above
            hit.append(heapq.heappop(shorts)[1])
        liquidated = sorted(pid for pid in hit if pid in self._open)  # entries of closed positions are stale
        for pid in liquidated:
            position = self._open.pop(pid)
            # Closed at the mark, not at its liquidation price: what margin is left goes to the fund, and
            # past the bankruptcy price the fund pays the deficit (it may go below 0).
            self._fund += position.initial_margin
        return liquidated

    def insurance_fund(self) -> Decimal:
        return _tidy(self._fund)
