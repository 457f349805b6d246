"""Decimal throughout; the account's totals are summed once, and the cross liquidation price takes
the symbol's own terms back out of them instead of building a list of the other positions."""

from decimal import Decimal


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    distance = (notional / leverage - notional * maintenance_margin_rate) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def _pnl(side, entry, quantity, mark):
    return (mark - entry) * quantity if side == "long" else (entry - mark) * quantity


def _totals(positions, marks):
    pnl, value = Decimal(0), Decimal(0)
    for symbol, side, entry, quantity in positions:
        pnl += _pnl(side, entry, quantity, marks[symbol])
        value += quantity * marks[symbol]
    return pnl, value


def equity(balance, positions, marks):
    return balance + _totals(positions, marks)[0]


def maintenance(positions, marks, mm_rate):
    return _totals(positions, marks)[1] * mm_rate


def is_liquidatable(balance, positions, marks, mm_rate):
    pnl, value = _totals(positions, marks)
    return balance + pnl <= value * mm_rate


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    held = {p[0]: p for p in positions}
    if symbol not in held:
        return None
    _, side, entry, quantity = held[symbol]
    pnl, value = _totals(positions, marks)
    mark = marks[symbol]
    pnl_others = pnl - _pnl(side, entry, quantity, mark)
    mm_others = (value - quantity * mark) * mm_rate
    # equity(p) == maintenance(p), both linear in p: solve for p
    if side == "long":
        price = (mm_others + quantity * entry - balance - pnl_others) / (quantity * (1 - mm_rate))
    else:
        price = (balance + pnl_others + quantity * entry - mm_others) / (quantity * (1 + mm_rate))
    return price if price > 0 else None
