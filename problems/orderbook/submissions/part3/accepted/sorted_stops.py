"""Part 2's SortedList book grown with stops and OCO, written as a dataclass per order. Parked stops
are kept sorted by stop price per side (SortedList of (stop, seq, id)): set_mark slices off exactly
the stops the mark reached with a bisect, then runs them by seq (placement order)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from sortedcontainers import SortedList

Trade = tuple[int, int, int, int]


@dataclass
class Stop:
    side: str
    stop_price: int
    quantity: int
    limit_price: int | None
    seq: int


class OrderBook:
    def __init__(self) -> None:
        self.prices = {"buy": SortedList(), "sell": SortedList()}
        self.levels: dict[str, dict[int, deque[list[int]]]] = {"buy": {}, "sell": {}}
        self.where: dict[int, tuple[str, int, list[int]]] = {}  # resting id -> (side, price, [id, remaining])
        self.parked: dict[int, Stop] = {}
        self.waiting = {"buy": SortedList(), "sell": SortedList()}  # (stop price, seq, id)
        self.placed = 0
        self.mark: int | None = None
        self.sibling: dict[int, int] = {}

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
            self._unlink(maker[0])
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
        if not self._cancel_alone(order_id):
            return False
        self._unlink(order_id)
        return True

    def _cancel_alone(self, order_id: int) -> bool:
        stop = self.parked.pop(order_id, None)
        if stop is not None:
            self.waiting[stop.side].discard((stop.stop_price, stop.seq, order_id))  # gone if it just triggered
            return True
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

    def stop(self, order_id: int, side: str, stop_price: int, quantity: int, limit_price: int | None = None) -> bool:
        if self.mark is not None and (self.mark >= stop_price if side == "buy" else self.mark <= stop_price):
            return False
        self.placed += 1
        self.parked[order_id] = Stop(side, stop_price, quantity, limit_price, self.placed)
        self.waiting[side].add((stop_price, self.placed, order_id))
        return True

    def set_mark(self, price: int) -> list[Trade]:
        self.mark = price
        buys, sells = self.waiting["buy"], self.waiting["sell"]
        reached_buys = buys.bisect_left((price + 1,))  # every buy stop <= price
        reached_sells = sells.bisect_left((price,))  # every sell stop >= price from here on
        hit = list(buys[:reached_buys]) + list(sells[reached_sells:])
        del buys[:reached_buys]
        del sells[reached_sells:]
        trades: list[Trade] = []
        for _, _, order_id in sorted(hit, key=lambda entry: entry[1]):
            stop = self.parked.pop(order_id, None)
            if stop is None:  # cancelled as an OCO sibling by a stop that ran before it
                continue
            self._unlink(order_id)
            if stop.limit_price is None:
                trades += self.market(order_id, stop.side, stop.quantity)
            else:
                trades += self.submit(order_id, stop.side, stop.limit_price, stop.quantity)
        return trades

    def oco(self, order_id_a: int, order_id_b: int) -> bool:
        legs = (order_id_a, order_id_b)
        if order_id_a == order_id_b or any(leg in self.sibling for leg in legs):
            return False
        if not all(leg in self.parked or leg in self.where for leg in legs):
            return False
        self.sibling[order_id_a], self.sibling[order_id_b] = order_id_b, order_id_a
        return True

    def _unlink(self, order_id: int) -> None:
        other = self.sibling.pop(order_id, None)
        if other is not None:
            del self.sibling[other]
            self._cancel_alone(other)
