"""A book that keeps each level's total quantity, where cancelling a partly filled resting order takes
its ORIGINAL quantity off the total (the bug of issue 10): depth is wrong only when another order
shares the price, since a level whose last order leaves disappears whatever its total says.

    submit(1, "sell", 100, 5); submit(2, "buy", 100, 2); submit(3, "sell", 100, 4); cancel(1)
    depth("sell", 1)  # -> [(100, 2)], not [(100, 4)]
"""

from __future__ import annotations

from collections import deque

from sortedcontainers import SortedDict


class OrderBook:
    def __init__(self) -> None:
        # bids keyed by -price so that both sides iterate best price first
        self._levels = {"buy": SortedDict(), "sell": SortedDict()}
        self._totals: dict[tuple[str, int], int] = {}  # (side, key) -> resting quantity at the level
        self._orders: dict[int, list] = {}  # id -> [side, price, remaining, original]; remaining 0 = dead

    def _key(self, side: str, price: int) -> int:
        return -price if side == "buy" else price

    def submit(self, order_id: int, side: str, price: int, quantity: int) -> list[tuple[int, int, int, int]]:
        other = "sell" if side == "buy" else "buy"
        book = self._levels[other]
        trades: list[tuple[int, int, int, int]] = []
        while quantity > 0 and book:
            key, queue = book.peekitem(0)
            level_price = abs(key)
            if (side == "buy" and level_price > price) or (side == "sell" and level_price < price):
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
                self._totals[(other, key)] -= fill
                if maker[2] == 0:
                    queue.popleft()
                    del self._orders[maker_id]
            self._prune(other, book, key, queue)
        if quantity > 0:
            levels = self._levels[side]
            key = self._key(side, price)
            if key not in levels:
                levels[key] = deque()
                self._totals[(side, key)] = 0
            levels[key].append(order_id)
            self._totals[(side, key)] += quantity
            self._orders[order_id] = [side, price, quantity, quantity]
        return trades

    def _prune(self, side: str, book: SortedDict, key: int, queue: deque) -> None:
        while queue and self._orders.get(queue[0], (None, None, 0))[2] == 0:
            self._orders.pop(queue.popleft(), None)
        if not queue:
            del book[key]
            del self._totals[(side, key)]

    def cancel(self, order_id: int) -> bool:
        order = self._orders.get(order_id)
        if order is None or order[2] == 0:
            return False
        side, price, _, original = order
        key = self._key(side, price)
        self._totals[(side, key)] -= original  # the bug: should be the remaining quantity, order[2]
        order[2] = 0
        self._prune(side, self._levels[side], key, self._levels[side][key])
        return True

    def best_bid(self) -> int | None:
        levels = self._levels["buy"]
        return -levels.peekitem(0)[0] if levels else None

    def best_ask(self) -> int | None:
        levels = self._levels["sell"]
        return levels.peekitem(0)[0] if levels else None

    def depth(self, side: str, levels: int) -> list[tuple[int, int]]:
        out = []
        for key in self._levels[side]:
            if len(out) >= levels:
                break
            out.append((abs(key), self._totals[(side, key)]))
        return out
