"""The attack of issue 11 (7): replace the time module's clocks with ones that barely move, so every
timed batch looks instant, on top of an O(L) order book."""

import bisect
import time
from collections import deque

_calls = [0]


def _slow_clock_ns():
    _calls[0] += 1
    return _calls[0]  # 1 ns per reading: every batch "takes" 1 ns


def _slow_clock():
    return _slow_clock_ns() / 1e9


time.perf_counter = _slow_clock
time.perf_counter_ns = _slow_clock_ns
time.thread_time = _slow_clock
time.thread_time_ns = _slow_clock_ns
time.process_time = _slow_clock
time.process_time_ns = _slow_clock_ns
time.monotonic = _slow_clock



class OrderBook:
    def __init__(self):
        self.prices = {"buy": [], "sell": []}  # ascending
        self.levels = {"buy": {}, "sell": {}}
        self.where = {}

    def submit(self, order_id, side, price, quantity):
        other = "sell" if side == "buy" else "buy"
        trades = []
        while quantity and self.prices[other]:
            best = self.prices[other][0] if other == "sell" else self.prices[other][-1]
            if (side == "buy" and best > price) or (side == "sell" and best < price):
                break
            queue = self.levels[other][best]
            maker = queue[0]
            fill = min(quantity, maker[1])
            trades.append((maker[0], order_id, best, fill))
            quantity -= fill
            maker[1] -= fill
            if maker[1] == 0:
                queue.popleft()
                del self.where[maker[0]]
                if not queue:
                    del self.levels[other][best]
                    self.prices[other].remove(best)
        if quantity:
            if price not in self.levels[side]:
                bisect.insort(self.prices[side], price)
                self.levels[side][price] = deque()
            order = [order_id, quantity]
            self.levels[side][price].append(order)
            self.where[order_id] = (side, price, order)
        return trades

    def cancel(self, order_id):
        if order_id not in self.where:
            return False
        side, price, order = self.where.pop(order_id)
        queue = self.levels[side][price]
        queue.remove(order)
        if not queue:
            del self.levels[side][price]
            self.prices[side] = [p for p in self.prices[side] if p != price]  # O(L), in Python
        return True

    def best_bid(self):
        return self.prices["buy"][-1] if self.prices["buy"] else None

    def best_ask(self):
        return self.prices["sell"][0] if self.prices["sell"] else None

    def depth(self, side, levels):
        prices = self.prices[side] if side == "sell" else self.prices[side][::-1]
        return [(p, sum(o[1] for o in self.levels[side][p])) for p in prices[:levels]]
