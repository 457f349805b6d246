"""A SortedList of prices per side and a dict of FIFO levels holding [id, remaining] pairs; each order
type is its own small method around one `_cross` loop."""

from __future__ import annotations

from collections import deque

from sortedcontainers import SortedList

Trade = tuple[int, int, int, int]


class OrderBook:
    def __init__(self) -> None:
        self.prices = {"buy": SortedList(), "sell": SortedList()}
        self.levels: dict[str, dict[int, deque[list[int]]]] = {"buy": {}, "sell": {}}
        self.where: dict[int, tuple[str, int, list[int]]] = {}  # resting id -> (side, price, [id, remaining])

    def _best(self, side: str) -> int | None:
        prices = self.prices[side]
        if not prices:
            return None
        return prices[-1] if side == "buy" else prices[0]

    def _cross(self, order_id: int, side: str, limit: float, quantity: int) -> tuple[list[Trade], int]:
        other = "sell" if side == "buy" else "buy"
        trades: list[Trade] = []
        while quantity:
            best = self._best(other)
            if best is None or (best > limit if side == "buy" else best < limit):
                break
            level = self.levels[other][best]
            maker = level[0]
            fill = min(quantity, maker[1])
            trades.append((maker[0], order_id, best, fill))
            quantity -= fill
            maker[1] -= fill
            if maker[1] == 0:
                level.popleft()
                del self.where[maker[0]]
                if not level:
                    del self.levels[other][best]
                    self.prices[other].remove(best)
        return trades, quantity

    def _rest(self, order_id: int, side: str, price: int, quantity: int) -> None:
        if price not in self.levels[side]:
            self.levels[side][price] = deque()
            self.prices[side].add(price)
        order = [order_id, quantity]
        self.levels[side][price].append(order)
        self.where[order_id] = (side, price, order)

    def submit(self, order_id: int, side: str, price: int, quantity: int, tif: str = "gtc") -> list[Trade]:
        if tif == "post_only":
            opposite = self._best("sell" if side == "buy" else "buy")
            if opposite is not None and (opposite <= price if side == "buy" else opposite >= price):
                return []
        trades, left = self._cross(order_id, side, price, quantity)
        if left and tif != "ioc":
            self._rest(order_id, side, price, left)
        return trades

    def market(self, order_id: int, side: str, quantity: int) -> list[Trade]:
        return self._cross(order_id, side, float("inf") if side == "buy" else float("-inf"), quantity)[0]

    def cancel(self, order_id: int) -> bool:
        if order_id not in self.where:
            return False
        side, price, order = self.where.pop(order_id)
        level = self.levels[side][price]
        level.remove(order)
        if not level:
            del self.levels[side][price]
            self.prices[side].remove(price)
        return True

    def best_bid(self) -> int | None:
        return self._best("buy")

    def best_ask(self) -> int | None:
        return self._best("sell")

    def depth(self, side: str, levels: int) -> list[tuple[int, int]]:
        prices = self.prices[side]
        chosen = list(reversed(prices[-levels:])) if side == "buy" else list(prices[:levels])
        return [(p, sum(o[1] for o in self.levels[side][p])) for p in chosen]
