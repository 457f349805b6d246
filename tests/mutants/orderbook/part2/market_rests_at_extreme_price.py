"""Mutant of reference2.py: a market order is a gtc limit at an extreme price, so its remainder rests there.

Reference, part 2: the part-1 book (SortedDicts of FIFO deques, an id -> order index) grown with
market, IOC and post-only orders.

Every kind shares one matching loop, `_match`, with a limit of None for a market order; what the kinds
differ in is only what happens before it (post-only looks at the opposite best price and may reject)
and after it (gtc rests the remainder; ioc and market drop it). market of q lots across k levels:
O(k log L + fills); a market of 1 lot: O(log L). The rest is as in part 1.
"""

from __future__ import annotations

from collections import deque

from sortedcontainers import SortedDict

Trade = tuple[int, int, int, int]


class OrderBook:
    def __init__(self) -> None:
        # bids keyed by -price so that both sides iterate best price first
        self._levels = {"buy": SortedDict(), "sell": SortedDict()}
        self._orders: dict[int, list] = {}  # id -> [side, price, remaining]; remaining 0 = dead

    def _key(self, side: str, price: int) -> int:
        return -price if side == "buy" else price

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
        return self.submit(order_id, side, 10**9 if side == "buy" else 1, quantity)

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
            self._prune(book, key, queue)
        return trades, quantity

    def _prune(self, book: SortedDict, key: int, queue: deque) -> None:
        while queue and self._orders.get(queue[0], (None, None, 0))[2] == 0:
            self._orders.pop(queue.popleft(), None)
        if not queue:
            del book[key]

    def cancel(self, order_id: int) -> bool:
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
