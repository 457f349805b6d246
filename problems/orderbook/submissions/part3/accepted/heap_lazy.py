"""Part 2's lazy heaps grown with stops and OCO. Parked stops sit in one heap per side, ordered by how
far the mark has to move to reach them, so set_mark looks at two heap tops when nothing triggers. An
OCO sibling is cancelled from inside the matching loop, the moment its leg trades."""

import heapq
import itertools
from collections import defaultdict, deque


class OrderBook:
    def __init__(self):
        self.heaps = {"buy": [], "sell": []}  # buy stores -price
        self.levels = {"buy": defaultdict(deque), "sell": defaultdict(deque)}
        self.size = {"buy": defaultdict(int), "sell": defaultdict(int)}
        self.live = {}  # id -> [side, price, qty]
        self.stops = {}  # parked id -> (side, stop_price, qty, limit_price)
        self.stop_heaps = {"buy": [], "sell": []}  # (stop price, or -stop price for sells; seq; id)
        self.seq = itertools.count()
        self.mark = None
        self.linked = {}

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
                self._drop_sibling(maker_id)
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
        return self._take(order_id, side, None, quantity)[0]

    def _remove(self, order_id):
        if self.stops.pop(order_id, None) is not None:
            return True
        order = self.live.pop(order_id, None)
        if order is None:
            return False
        side, price, qty = order
        self.size[side][price] -= qty
        return True

    def _drop_sibling(self, order_id):
        other_leg = self.linked.pop(order_id, None)
        if other_leg is not None:
            del self.linked[other_leg]
            self._remove(other_leg)

    def cancel(self, order_id):
        if not self._remove(order_id):
            return False
        self._drop_sibling(order_id)
        return True

    def best_bid(self):
        return self._best("buy")

    def best_ask(self):
        return self._best("sell")

    def depth(self, side, levels):
        prices = sorted((p for p, q in self.size[side].items() if q > 0), reverse=(side == "buy"))
        return [(p, self.size[side][p]) for p in prices[:levels]]

    @staticmethod
    def _hit(side, stop_price, mark):
        return mark >= stop_price if side == "buy" else mark <= stop_price

    def stop(self, order_id, side, stop_price, quantity, limit_price=None):
        if self.mark is not None and self._hit(side, stop_price, self.mark):
            return False
        self.stops[order_id] = (side, stop_price, quantity, limit_price)
        key = stop_price if side == "buy" else -stop_price
        heapq.heappush(self.stop_heaps[side], (key, next(self.seq), order_id))
        return True

    def set_mark(self, price):
        self.mark = price
        fired = []
        for side, heap in self.stop_heaps.items():
            while heap and (heap[0][2] not in self.stops or self._hit(side, abs(heap[0][0]), price)):
                _, seq, order_id = heapq.heappop(heap)
                if order_id in self.stops:
                    fired.append((seq, order_id))
        trades = []
        for _, order_id in sorted(fired):
            if order_id not in self.stops:  # an OCO sibling of something that ran first
                continue
            side, _, quantity, limit_price = self.stops.pop(order_id)
            self._drop_sibling(order_id)
            if limit_price is None:
                trades += self.market(order_id, side, quantity)
            else:
                trades += self.submit(order_id, side, limit_price, quantity)
        return trades

    def oco(self, a, b):
        if a == b or a in self.linked or b in self.linked:
            return False
        if not all(i in self.stops or i in self.live for i in (a, b)):
            return False
        self.linked[a] = b
        self.linked[b] = a
        return True
