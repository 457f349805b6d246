"""Mutant of reference_heap.py: cancel of a partly filled order takes its ORIGINAL quantity off the level's total.

Reference: a heap of prices per side with lazy deletion, FIFO deques per level, size per level.

The heap never removes a price when its level empties (or an order is cancelled); `_best` pops stale
prices when they reach the top. submit resting at a new level: O(log L) (one heappush); cancel: O(1)
(the order is dropped from the index and its level's size, and skipped later); best bid/ask: O(1)
while the top is live, O(log L) amortized overall since each stale price is popped once. depth sorts
the live levels: O(L log L), fine for a seldom-called view; keep a sorted map (reference.py) if it is hot.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque


class OrderBook:
    def __init__(self) -> None:
        self._heaps: dict[str, list[int]] = {"buy": [], "sell": []}  # buy side holds -price: a max-heap
        self._queues: dict[str, defaultdict[int, deque[int]]] = {"buy": defaultdict(deque),
                                                                "sell": defaultdict(deque)}
        self._size: dict[str, defaultdict[int, int]] = {"buy": defaultdict(int), "sell": defaultdict(int)}
        self._live: dict[int, list] = {}  # id -> [side, price, remaining]; gone once filled or cancelled

    def _best(self, side: str) -> int | None:
        heap, size = self._heaps[side], self._size[side]
        while heap:
            price = -heap[0] if side == "buy" else heap[0]
            if size.get(price):
                return price
            # A stale price: its level emptied after it was pushed. Drop the level with it.
            heapq.heappop(heap)
            size.pop(price, None)
            self._queues[side].pop(price, None)
        return None

    def submit(self, order_id: int, side: str, price: int, quantity: int) -> list[tuple[int, int, int, int]]:
        other = "sell" if side == "buy" else "buy"
        trades: list[tuple[int, int, int, int]] = []
        while quantity > 0:
            best = self._best(other)
            if best is None or (side == "buy" and best > price) or (side == "sell" and best < price):
                break
            queue = self._queues[other][best]
            while quantity > 0 and queue:
                maker_id = queue[0]
                maker = self._live.get(maker_id)
                if maker is None:  # cancelled: skipped lazily here
                    queue.popleft()
                    continue
                fill = min(quantity, maker[2])
                trades.append((maker_id, order_id, best, fill))
                quantity -= fill
                maker[2] -= fill
                self._size[other][best] -= fill
                if maker[2] == 0:
                    queue.popleft()
                    del self._live[maker_id]
        if quantity > 0:
            if not self._size[side].get(price):
                # A new (or emptied-and-stale) level: push the price. A stale duplicate is harmless,
                # _best pops it once the level is empty again.
                heapq.heappush(self._heaps[side], -price if side == "buy" else price)
            self._queues[side][price].append(order_id)
            self._size[side][price] += quantity
            self._live[order_id] = [side, price, quantity, quantity]
        return trades

    def cancel(self, order_id: int) -> bool:
        order = self._live.pop(order_id, None)
        if order is None:
            return False
        side, price, _, remaining = order  # the quantity it was submitted with
        self._size[side][price] -= remaining
        return True

    def best_bid(self) -> int | None:
        return self._best("buy")

    def best_ask(self) -> int | None:
        return self._best("sell")

    def depth(self, side: str, levels: int) -> list[tuple[int, int]]:
        prices = sorted((p for p, q in self._size[side].items() if q > 0), reverse=side == "buy")
        return [(p, self._size[side][p]) for p in prices[:levels]]
