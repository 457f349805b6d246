"""Mistake: maintenance margin valued at the entry price, as in part 1, instead of at the mark: a
position that has grown in value needs more margin than this counts."""

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
    return sum((quantity * entry for _s, _side, entry, quantity in positions), Decimal(0)) * mm_rate


def is_liquidatable(balance, positions, marks, mm_rate):
    return equity(balance, positions, marks) <= maintenance(positions, marks, mm_rate)


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    mine = [p for p in positions if p[0] == symbol]
    if not mine:
        return None
    _, side, entry, quantity = mine[0]
    others = [p for p in positions if p[0] != symbol]
    rest = equity(balance, others, marks)
    # the position's own maintenance is taken at its entry too, so it does not move with p
    mm = maintenance(positions, marks, mm_rate)
    price = (mm - rest) / quantity + entry if side == "long" else (rest - mm) / quantity + entry
    return price if price > 0 else None
