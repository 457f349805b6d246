"""Mutant of reference3.py: the stops one set_mark triggers run by stop price (nearest the old
mark first), not in placement order.

Reference, part 3: the part-2 book grown with stop orders triggered by the mark price, and OCO links.

Parked stops wait in two heaps keyed by how far the mark must move to reach them: buy stops by stop
price (lowest first: the mark rises into them), sell stops by minus the stop price. Between two
set_mark calls no parked stop's condition holds (stop() rejects one that would trigger at once, and
set_mark triggers every one it reaches), so set_mark pops exactly the stops it triggers: a set_mark
that triggers nothing is O(1) amortized (a look at two heap tops), one that triggers k stops O(k log S) plus
their matching. A cancelled stop stays in its heap, dead, until it comes to the top.

The triggered stops run in placement order (a sequence number), each as the part-2 order it becomes.
The mark is set once per call; trades never move it, so nothing triggered by a trade waits for the
next set_mark. OCO: `_links` maps each leg to the other; the moment a leg trades (as a maker, inside
the matching loop), triggers, or is cancelled, the sibling is cancelled, before anything else runs.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque

from sortedcontainers import SortedDict

Trade = tuple[int, int, int, int]


class OrderBook:
    def __init__(self) -> None:
        # bids keyed by -price so that both sides iterate best price first
        self._levels = {"buy": SortedDict(), "sell": SortedDict()}
        self._orders: dict[int, list] = {}  # id -> [side, price, remaining]; remaining 0 = dead
        # parked stops: id -> (side, stop price, quantity, limit price or None, placement seq)
        self._stops: dict[int, tuple[str, int, int, int | None, int]] = {}
        self._stop_heaps: dict[str, list[tuple[int, int, int]]] = {"buy": [], "sell": []}  # (key, seq, id)
        self._seq = itertools.count()
        self._mark: int | None = None
        self._links: dict[int, int] = {}  # OCO leg -> its sibling, both ways

    def _key(self, side: str, price: int) -> int:
        return -price if side == "buy" else price

    # -- part 2 ---------------------------------------------------------------------------------

    def submit(self, order_id: int, side: str, price: int, quantity: int, tif: str = "gtc") -> list[Trade]:
        if tif == "post_only" and self._crosses(side, price):
            return []  # it would take liquidity: rejected whole, and never known to the book
        trades, quantity = self._match(order_id, side, price, quantity)
        if quantity > 0 and tif != "ioc":
            levels = self._levels[side]
            key = self._key(side, price)
            if key not in levels:
                levels[key] = deque()
            levels[key].append(order_id)
            self._orders[order_id] = [side, price, quantity]
        return trades

    def market(self, order_id: int, side: str, quantity: int) -> list[Trade]:
        return self._match(order_id, side, None, quantity)[0]

    def _crosses(self, side: str, price: int) -> bool:
        if side == "buy":
            ask = self.best_ask()
            return ask is not None and ask <= price
        bid = self.best_bid()
        return bid is not None and bid >= price

    def _match(self, order_id: int, side: str, limit: int | None, quantity: int) -> tuple[list[Trade], int]:
        """Fill against the opposite side best-first while it crosses `limit` (None: any price).
        Returns the trades and the quantity left."""
        book = self._levels["sell" if side == "buy" else "buy"]
        trades: list[Trade] = []
        while quantity > 0 and book:
            key, queue = book.peekitem(0)
            level_price = abs(key)
            if limit is not None and ((side == "buy" and level_price > limit) or
                                      (side == "sell" and level_price < limit)):
                break
            while quantity > 0 and queue:
                maker_id = queue[0]
                maker = self._orders[maker_id]
                if maker[2] == 0:  # cancelled: dropped lazily
                    queue.popleft()
                    continue
                fill = min(quantity, maker[2])
                trades.append((maker_id, order_id, level_price, fill))
                quantity -= fill
                maker[2] -= fill
                if maker[2] == 0:
                    queue.popleft()
                    del self._orders[maker_id]
                # Its sibling goes now, mid-sweep: this very taker must not reach it further down.
                self._cancel_sibling(maker_id)
            self._prune(book, key, queue)
        return trades, quantity

    def _prune(self, book: SortedDict, key: int, queue: deque) -> None:
        while queue and self._orders.get(queue[0], (None, None, 0))[2] == 0:
            self._orders.pop(queue.popleft(), None)
        # A sibling cancelled mid-sweep may have emptied and removed this level already.
        if not queue and book.get(key) is queue:
            del book[key]

    # -- part 1 ---------------------------------------------------------------------------------

    def cancel(self, order_id: int) -> bool:
        if not self._cancel_one(order_id):
            return False
        self._cancel_sibling(order_id)
        return True

    def _cancel_one(self, order_id: int) -> bool:
        """Cancel a resting order or a parked stop, leaving its OCO sibling to the caller."""
        if self._stops.pop(order_id, None) is not None:
            return True  # its heap entry dies lazily
        order = self._orders.get(order_id)
        if order is None or order[2] == 0:
            return False
        side, price, _ = order
        order[2] = 0
        levels = self._levels[side]
        key = self._key(side, price)
        self._prune(levels, key, levels[key])
        return True

    def _live_quantity(self, queue: deque) -> int:
        return sum(self._orders[i][2] for i in queue if i in self._orders)

    def best_bid(self) -> int | None:
        levels = self._levels["buy"]
        return -levels.peekitem(0)[0] if levels else None

    def best_ask(self) -> int | None:
        levels = self._levels["sell"]
        return levels.peekitem(0)[0] if levels else None

    def depth(self, side: str, levels: int) -> list[tuple[int, int]]:
        out = []
        for key, queue in self._levels[side].items():
            if len(out) >= levels:
                break
            out.append((abs(key), self._live_quantity(queue)))
        return out

    # -- part 3 ---------------------------------------------------------------------------------

    def _reached(self, side: str, stop_price: int, mark: int) -> bool:
        return mark >= stop_price if side == "buy" else mark <= stop_price

    def stop(self, order_id: int, side: str, stop_price: int, quantity: int, limit_price: int | None = None) -> bool:
        if self._mark is not None and self._reached(side, stop_price, self._mark):
            return False  # it would trigger at once
        seq = next(self._seq)
        self._stops[order_id] = (side, stop_price, quantity, limit_price, seq)
        key = stop_price if side == "buy" else -stop_price
        heapq.heappush(self._stop_heaps[side], (key, seq, order_id))
        return True

    def set_mark(self, price: int) -> list[Trade]:
        self._mark = price
        triggered: list[tuple[int, int]] = []  # (seq, id)
        for side, heap in self._stop_heaps.items():
            while heap:
                key, _, order_id = heap[0]
                if order_id not in self._stops:
                    heapq.heappop(heap)  # cancelled while parked
                    continue
                if not self._reached(side, abs(key), price):
                    break
                heapq.heappop(heap)
                triggered.append((key, order_id))
        trades: list[Trade] = []
        for _, order_id in sorted(triggered):
            parked = self._stops.pop(order_id, None)
            if parked is None:
                continue  # an OCO sibling of a stop (or of a maker) that ran before it in this call
            self._cancel_sibling(order_id)  # before the triggered leg can trade with it
            side, _, quantity, limit_price, _ = parked
            if limit_price is None:
                trades += self.market(order_id, side, quantity)
            else:
                trades += self.submit(order_id, side, limit_price, quantity)
        return trades

    def _live(self, order_id: int) -> bool:
        order = self._orders.get(order_id)
        return order_id in self._stops or (order is not None and order[2] > 0)

    def oco(self, order_id_a: int, order_id_b: int) -> bool:
        if order_id_a == order_id_b or order_id_a in self._links or order_id_b in self._links:
            return False
        if not (self._live(order_id_a) and self._live(order_id_b)):
            return False
        self._links[order_id_a] = order_id_b
        self._links[order_id_b] = order_id_a
        return True

    def _cancel_sibling(self, order_id: int) -> None:
        sibling = self._links.pop(order_id, None)
        if sibling is not None:
            del self._links[sibling]
            self._cancel_one(sibling)
