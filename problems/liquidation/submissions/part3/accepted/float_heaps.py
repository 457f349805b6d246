"""Floats, and heaps with lazy deletion: a closed position's heap entry stays until it reaches the
top, where the id map says it is gone. Accepted within the tolerance (a ledger would keep Decimal)."""

import heapq


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    entry, rate = float(entry_price), float(maintenance_margin_rate)
    return entry * (1 - 1 / leverage + rate) if side == "long" else entry * (1 + 1 / leverage - rate)


def bankruptcy_price(side, entry_price, quantity, leverage):
    entry = float(entry_price)
    return entry * (1 - 1 / leverage) if side == "long" else entry * (1 + 1 / leverage)


def _pnl(side, entry, quantity, price):
    move = (float(price) - float(entry)) * float(quantity)
    return move if side == "long" else -move


def equity(balance, positions, marks):
    return float(balance) + sum(_pnl(side, e, q, marks[s]) for s, side, e, q in positions)


def maintenance(positions, marks, mm_rate):
    return sum(float(q) * float(marks[s]) for s, _side, _e, q in positions) * float(mm_rate)


def is_liquidatable(balance, positions, marks, mm_rate):
    return equity(balance, positions, marks) <= maintenance(positions, marks, mm_rate)


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    mine = [p for p in positions if p[0] == symbol]
    if not mine:
        return None
    _, side, entry, quantity = mine[0]
    others = [p for p in positions if p[0] != symbol]
    rest, mm_rest = equity(balance, others, marks), maintenance(others, marks, mm_rate)
    q, e, r = float(quantity), float(entry), float(mm_rate)
    price = (mm_rest + q * e - rest) / (q * (1 - r)) if side == "long" else (rest + q * e - mm_rest) / (q * (1 + r))
    return price if price > 0 else None


class LiquidationEngine:
    def __init__(self, mm_rate):
        self.rate = float(mm_rate)
        self.open_positions = {}
        self.heaps = {}  # (symbol, side) -> heap of (key, pid); key = -price for longs, price for shorts
        self.fund = 0.0

    def open(self, pid, symbol, side, entry_price, quantity, leverage):
        price = liquidation_price(side, entry_price, quantity, leverage, self.rate)
        margin = float(entry_price) * float(quantity) / leverage
        self.open_positions[pid] = (side, entry_price, quantity, margin)
        heapq.heappush(self.heaps.setdefault((symbol, side), []), (-price if side == "long" else price, pid))
        return price

    def close(self, pid):
        return self.open_positions.pop(pid, None) is not None

    def mark(self, symbol, price):
        price = float(price)
        hit = []
        longs = self.heaps.get((symbol, "long"), [])
        while longs and -longs[0][0] >= price:
            hit.append(heapq.heappop(longs)[1])
        shorts = self.heaps.get((symbol, "short"), [])
        while shorts and shorts[0][0] <= price:
            hit.append(heapq.heappop(shorts)[1])
        done = sorted(pid for pid in hit if pid in self.open_positions)
        for pid in done:
            side, entry, quantity, margin = self.open_positions.pop(pid)
            self.fund += margin + _pnl(side, entry, quantity, price)
        return done

    def insurance_fund(self):
        return self.fund
