"""A market order reads the opposite best price with min()/max() over the level sizes: on an empty side
that raises ValueError."""

import heapq
from collections import defaultdict, deque


class OrderBook:
    def __init__(self):
        self.heaps = {"buy": [], "sell": []}  # buy stores -price
        self.levels = {"buy": defaultdict(deque), "sell": defaultdict(deque)}
        self.size = {"buy": defaultdict(int), "sell": defaultdict(int)}
        self.live = {}  # id -> [side, price, qty]

    def _best(self, side):
        heap = self.heaps[side]
        while heap:
            price = -heap[0] if side == "buy" else heap[0]
            if self.size[side].get(price):
                return price
            heapq.heappop(heap)
            self.size[side].pop(price, None)
            self.levels[side].pop(price, None)
        return None

    def _take(self, order_id, side, limit, quantity):
        other = "sell" if side == "buy" else "buy"
        trades = []
        while quantity > 0:
            best = self._best(other)
            if best is None:
                break
            if limit is not None and ((side == "buy" and best > limit) or (side == "sell" and best < limit)):
                break
            queue = self.levels[other][best]
            while quantity > 0 and queue:
                maker_id = queue[0]
                maker = self.live.get(maker_id)
                if maker is None:
                    queue.popleft()
                    continue
                fill = min(quantity, maker[2])
                trades.append([maker_id, order_id, best, fill])
                quantity -= fill
                maker[2] -= fill
                self.size[other][best] -= fill
                if maker[2] == 0:
                    queue.popleft()
                    del self.live[maker_id]
        return trades, quantity

    def submit(self, order_id, side, price, quantity, tif="gtc"):
        if tif == "post_only":
            best = self._best("sell" if side == "buy" else "buy")
            if best is not None and (best <= price if side == "buy" else best >= price):
                return []
        trades, quantity = self._take(order_id, side, price, quantity)
        if quantity > 0 and tif != "ioc":
            if not self.size[side].get(price):
                heapq.heappush(self.heaps[side], -price if side == "buy" else price)
            self.levels[side][price].append(order_id)
            self.size[side][price] += quantity
            self.live[order_id] = [side, price, quantity]
        return trades

    def market(self, order_id, side, quantity):
        other = "sell" if side == "buy" else "buy"
        live = [p for p, q in self.size[other].items() if q > 0]
        worst = max(live) if side == "buy" else min(live)  # a limit that crosses every level
        return self._take(order_id, side, worst, quantity)[0]

    def cancel(self, order_id):
        order = self.live.pop(order_id, None)
        if order is None:
            return False
        side, price, qty = order
        self.size[side][price] -= qty
        return True

    def best_bid(self):
        return self._best("buy")

    def best_ask(self):
        return self._best("sell")

    def depth(self, side, levels):
        prices = sorted((p for p, q in self.size[side].items() if q > 0), reverse=(side == "buy"))
        return [(p, self.size[side][p]) for p in prices[:levels]]
