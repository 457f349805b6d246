"""Decimal throughout; each (symbol, side) keeps its open positions in a SortedList by liquidation
price, and close() removes the entry at once (O(log n)) instead of leaving it for later."""

from decimal import Decimal

from sortedcontainers import SortedList


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
        self.positions = {}  # pid -> (symbol, side, entry, quantity, initial margin, liquidation price)
        self.books = {}  # (symbol, side) -> SortedList of (liquidation price, pid)
        self.fund = Decimal(0)

    def open(self, pid, symbol, side, entry_price, quantity, leverage):
        liquidation = liquidation_price(side, entry_price, quantity, leverage, self.mm_rate)
        margin = entry_price * quantity / leverage
        self.positions[pid] = (symbol, side, entry_price, quantity, margin, liquidation)
        self.books.setdefault((symbol, side), SortedList()).add((liquidation, pid))
        return liquidation

    def close(self, pid):
        if pid not in self.positions:
            return False
        symbol, side, *_rest, liquidation = self.positions.pop(pid)
        self.books[(symbol, side)].remove((liquidation, pid))
        return True

    def mark(self, symbol, price):
        reached = []
        longs = self.books.get((symbol, "long"), SortedList())
        while longs and longs[-1][0] >= price:  # highest liquidation price first
            reached.append(longs.pop()[1])
        shorts = self.books.get((symbol, "short"), SortedList())
        while shorts and shorts[0][0] <= price:
            reached.append(shorts.pop(0)[1])
        for pid in reached:
            _symbol, side, entry, quantity, margin, _liq = self.positions.pop(pid)
            self.fund += margin + _pnl(side, entry, quantity, price)
        return sorted(reached)

    def insurance_fund(self):
        return self.fund
