"""Mistake: close() deletes the id without checking it is open: closing a position twice, or one
already liquidated, raises KeyError instead of returning False."""

import heapq
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
        self.longs, self.shorts = {}, {}
        self.fund = Decimal(0)

    def open(self, pid, symbol, side, entry_price, quantity, leverage):
        liquidation = liquidation_price(side, entry_price, quantity, leverage, self.mm_rate)
        self.positions[pid] = (side, entry_price, quantity, entry_price * quantity / leverage)
        if side == "long":
            heapq.heappush(self.longs.setdefault(symbol, []), (-liquidation, pid))
        else:
            heapq.heappush(self.shorts.setdefault(symbol, []), (liquidation, pid))
        return liquidation

    def close(self, pid):
        del self.positions[pid]
        return True

    def mark(self, symbol, price):
        hit = []
        longs, shorts = self.longs.get(symbol, []), self.shorts.get(symbol, [])
        while longs and -longs[0][0] >= price:
            hit.append(heapq.heappop(longs)[1])
        while shorts and shorts[0][0] <= price:
            hit.append(heapq.heappop(shorts)[1])
        hit = sorted(pid for pid in hit if pid in self.positions)
        for pid in hit:
            side, entry, quantity, margin = self.positions.pop(pid)
            self.fund += margin + _pnl(side, entry, quantity, price)
        return hit

    def insurance_fund(self):
        return self.fund
