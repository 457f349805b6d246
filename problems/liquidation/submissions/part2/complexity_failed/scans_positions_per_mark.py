"""Too slow: the account is walked through marks, and each mark's position is found by scanning the
list of positions: O(P) per symbol, O(P^2) per call. Right answers, but a risk engine does this for
every account on every tick; a dict from symbol to position keeps it O(P)."""

from decimal import Decimal


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    distance = (notional / leverage - notional * maintenance_margin_rate) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def _position(positions, symbol):
    for position in positions:
        if position[0] == symbol:
            return position
    return None


def _sums(positions, marks, skip=None):
    """(unrealized P&L, value at the mark) of the positions, leaving out symbol skip."""
    pnl, value = Decimal(0), Decimal(0)
    for symbol, mark in marks.items():
        position = _position(positions, symbol)
        if position is None or symbol == skip:
            continue
        _, side, entry, quantity = position
        pnl += (mark - entry) * quantity if side == "long" else (entry - mark) * quantity
        value += quantity * mark
    return pnl, value


def equity(balance, positions, marks):
    return balance + _sums(positions, marks)[0]


def maintenance(positions, marks, mm_rate):
    return _sums(positions, marks)[1] * mm_rate


def is_liquidatable(balance, positions, marks, mm_rate):
    pnl, value = _sums(positions, marks)
    return balance + pnl <= value * mm_rate


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    mine = _position(positions, symbol)
    if mine is None:
        return None
    _, side, entry, quantity = mine
    pnl, value = _sums(positions, marks, skip=symbol)
    if side == "long":
        price = (value * mm_rate + quantity * entry - balance - pnl) / (quantity * (1 - mm_rate))
    else:
        price = (balance + pnl + quantity * entry - value * mm_rate) / (quantity * (1 + mm_rate))
    return price if price > 0 else None
