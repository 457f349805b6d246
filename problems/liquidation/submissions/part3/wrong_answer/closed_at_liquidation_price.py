"""Mistake: a liquidated position is closed at its own liquidation price instead of at the mark, so
the fund always gets the maintenance margin and never pays for a gap past the bankruptcy price."""

from decimal import Decimal


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    distance = (notional / leverage - notional * maintenance_margin_rate) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def _pnl(side, entry, quantity, price):
    return (price - entry) * quantity if side == "long" else (entry - price) * quantity


def equity(balance, positions, marks):
    return balance + sum((_pnl(side, e, q, marks[s]) for s, side, e, q in positions), Decimal(0))


def maintenance(positions, marks, mm_rate):
    return sum((q * marks[s] for s, _side, _e, q in positions), Decimal(0)) * mm_rate


def is_liquidatable(balance, positions, marks, mm_rate):
    return equity(balance, positions, marks) <= maintenance(positions, marks, mm_rate)


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


class LiquidationEngine:
    def __init__(self, mm_rate):
        self.mm_rate = mm_rate
        self.positions = {}
        self.fund = Decimal(0)

    def open(self, pid, symbol, side, entry_price, quantity, leverage):
        liquidation = liquidation_price(side, entry_price, quantity, leverage, self.mm_rate)
        self.positions[pid] = (symbol, side, entry_price, quantity, leverage, liquidation)
        return liquidation

    def close(self, pid):
        return self.positions.pop(pid, None) is not None

    def mark(self, symbol, price):
        hit = []
        for pid, (held, side, entry, quantity, leverage, liquidation) in sorted(self.positions.items()):
            if held == symbol and (price <= liquidation if side == "long" else price >= liquidation):
                hit.append(pid)
                margin = entry * quantity / leverage
                self.fund += margin + _pnl(side, entry, quantity, liquidation)
        for pid in hit:
            del self.positions[pid]
        return hit

    def insurance_fund(self):
        return self.fund
