"""Correct, but keeps each side's levels in a plain dict and finds the best price with max()/min()
over its keys: O(L) for every best_bid/best_ask and for every match."""

from collections import deque


class OrderBook:
    def __init__(self):
        self.levels = {"buy": {}, "sell": {}}  # price -> deque of [id, qty]
        self.where = {}

    def _best(self, side):
        levels = self.levels[side]
        if not levels:
            return None
        return max(levels) if side == "buy" else min(levels)

    def submit(self, order_id, side, price, quantity):
        other = "sell" if side == "buy" else "buy"
        trades = []
        while quantity:
            best = self._best(other)
            if best is None or (side == "buy" and best > price) or (side == "sell" and best < price):
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
        if quantity:
            order = [order_id, quantity]
            self.levels[side].setdefault(price, deque()).append(order)
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
        return True

    def best_bid(self):
        return self._best("buy")

    def best_ask(self):
        return self._best("sell")

    def depth(self, side, levels):
        prices = sorted(self.levels[side], reverse=(side == "buy"))[:levels]
        return [(p, sum(o[1] for o in self.levels[side][p])) for p in prices]
