"""Mistake: liquidatable when the margin ratio maintenance / equity reaches 1, as the notes monitor
it: once equity is negative the ratio is negative too and the account reads as safe."""

from decimal import Decimal


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    distance = (notional / leverage - notional * maintenance_margin_rate) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def _pnl(position, marks):
    symbol, side, entry, quantity = position
    return (marks[symbol] - entry) * quantity if side == "long" else (entry - marks[symbol]) * quantity


def equity(balance, positions, marks):
    return balance + sum(_pnl(p, marks) for p in positions)


def maintenance(positions, marks, mm_rate):
    return sum((quantity * marks[symbol] for symbol, _side, _e, quantity in positions), Decimal(0)) * mm_rate


def is_liquidatable(balance, positions, marks, mm_rate):
    value = equity(balance, positions, marks)
    if value == 0:
        return True
    return maintenance(positions, marks, mm_rate) / value >= 1


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    mine = [p for p in positions if p[0] == symbol]
    if not mine:
        return None
    _, side, entry, quantity = mine[0]
    others = [p for p in positions if p[0] != symbol]
    rest, mm_others = equity(balance, others, marks), maintenance(others, marks, mm_rate)
    if side == "long":
        price = (mm_others + quantity * entry - rest) / (quantity * (1 - mm_rate))
    else:
        price = (rest + quantity * entry - mm_others) / (quantity * (1 + mm_rate))
    return price if price > 0 else None
