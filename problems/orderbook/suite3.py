"""Hidden suite for orderbook, part 3: stop orders on the mark price, and OCO links (parts 1 and 2's
cases run as well).

Most cases set a mark first (the others park stops before any mark, which all meet the first one).
Stops go a few ticks from the mark (0 ticks: one that would trigger at once, so it is rejected), and
the mark moves a few ticks around the middle of the book, or exactly onto a parked stop's price (the
equality that triggers), onto the nearest stop of a side, or past the farthest, so that one set_mark
often triggers several stops placed in an order other than their prices'. Stops come in pairs one
tick apart, the nearer sized to sweep past the opposite best level: its trades print past the
farther stop, which must not trigger (trades never move the mark). OCO links are made mostly on
purpose: a resting order and a stop placed for it, on the same side (take-profit and stop-loss) or
on the other side, where the triggered stop would trade with its own sibling unless the sibling goes
first; or two orders of one side a few ticks apart, then a taker for both, which must stop at the
first. Hits aim at OCO legs first; cancels name parked stops, OCO legs, triggered and rejected stops.
As in parts 1 and 2, relations are indices into the model's state and ids are renumbered 1, 2, 3...
in order of first appearance.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from judge.suite import Step, call, new, sibling

part2 = sibling(__file__, "suite2.py")

Trade = part2.Trade
other = part2.other
START_MARK = 100  # where stops are placed before any mark is set: the middle of the price band


class Model(part2.Model):
    def __init__(self) -> None:
        super().__init__()
        self.mark: int | None = None
        self.stops: dict[int, list[Any]] = {}  # parked id -> [side, stop, quantity, limit]; placement order
        self.links: dict[int, int] = {}  # OCO leg -> sibling, both ways
        self.triggered: list[int] = []  # stops that triggered (a stop-market's id is then unknown)
        self.rejected: list[int] = []  # stops rejected because the mark was already through them
        self.cancelled_with: dict[int, int] = {}  # OCO leg cancelled -> the leg that traded, triggered or was cancelled

    @staticmethod
    def reached(side: str, stop_price: int, mark: int) -> bool:
        return mark >= stop_price if side == "buy" else mark <= stop_price

    def traded(self, maker: int) -> None:
        self.cancel_sibling(maker)

    def cancel_sibling(self, order_id: int) -> None:
        sibling_id = self.links.pop(order_id, None)
        if sibling_id is not None:
            del self.links[sibling_id]
            self.cancel_one(sibling_id)
            self.cancelled_with[sibling_id] = order_id

    def cancel_one(self, order_id: int) -> bool:
        if self.stops.pop(order_id, None) is not None:
            self.gone.append(order_id)
            return True
        return super().cancel(order_id)

    def cancel(self, order_id: int) -> bool:
        if not self.cancel_one(order_id):
            return False
        self.cancel_sibling(order_id)
        return True

    def stop(self, order_id: int, side: str, stop_price: int, quantity: int, limit_price: int | None = None) -> bool:
        if self.mark is not None and self.reached(side, stop_price, self.mark):
            self.rejected.append(order_id)
            return False
        self.stops[order_id] = [side, stop_price, quantity, limit_price]
        return True

    def set_mark(self, price: int) -> list[Trade]:
        self.mark = price
        trades: list[Trade] = []
        for order_id in [i for i, s in self.stops.items() if self.reached(s[0], s[1], price)]:
            if order_id not in self.stops:
                continue  # cancelled as the OCO sibling of something that ran before it
            side, _, quantity, limit = self.stops.pop(order_id)
            self.triggered.append(order_id)
            self.cancel_sibling(order_id)
            if limit is None:
                trades += self.market(order_id, side, quantity)
            else:
                trades += self.submit(order_id, side, limit, quantity)
        return trades

    def is_live(self, order_id: int) -> bool:
        return order_id in self.stops or order_id in self.live

    def oco(self, a: int, b: int) -> bool:
        if a == b or a in self.links or b in self.links or not (self.is_live(a) and self.is_live(b)):
            return False
        self.links[a], self.links[b] = b, a
        return True


# Part 3's ops, on top of part 2's (see suite2.py):
#   ("stop", side, distance, quantity, limit, named)   a stop `distance` ticks from the mark on the
#       side where it waits (0: where it would trigger at once); limit None: a stop-market (named:
#       with limit_price=None passed), else a stop-limit `limit` ticks beyond its stop price
#   ("oco_stop", order, same_side, distance, quantity, limit)   a stop placed for a resting order, and
#       the two linked: same side (take-profit + stop-loss) or the other side
#   ("oco", pool, index, pool, index)    two orders from: resting, parked, linked, gone, never, unknown
#   ("mark", delta)                      the mark a few ticks from the middle of the book (from the
#                                        old mark, or START_MARK, when a side is empty): a mark that
#                                        wandered away from the book would leave stops nothing to hit
#   ("mark_to", stop, beyond)            the mark moved exactly onto a parked stop's price, or past it
#                                        (the newest stops first: their OCO legs are likeliest still live)
#   ("mark_near", side)                  the mark moved onto the nearest parked stop of one side: it
#                                        triggers, and the stops behind it must wait even if its trades
#                                        print past them
#   ("mark_past", side, beyond)          the mark moved onto the farthest parked stop of one side (or
#                                        past it): every stop of that side triggers in one call
#   ("big_stop", side, distance, extra)  a stop-market sized from the whole opposite side + extra:
#                                        triggered, it sweeps the book, printing past other stops
#   ("stop_behind", stop, gap, quantity, limit)   a stop `gap` ticks farther from the mark than a
#                                        parked one of the same side (-1: one tick nearer): moving the
#                                        mark onto the nearer triggers it alone, and its trades print
#                                        past the farther one; moving it past both runs them in
#                                        placement order, which is not their price order
#   ("stop_pair", side, distance, extra, near_first, wait)   two stops of one side, one tick apart;
#                                        the nearer sized to sweep past the opposite best level (its
#                                        volume + 1 + extra), placed second unless near_first; unless
#                                        wait, the mark moves onto the nearer at once: its trades print
#                                        past the farther one. Past both, placement is not price order
#   ("bracket", order, same_side, distance, quantity, limit)   oco_stop, then the mark moved onto the
#                                        new stop: the leg triggers, and its sibling goes first
#   ("ladder", order, gap, quantity, wait)   a second order on a resting order's side, `gap` ticks
#                                        behind it, and the two linked; unless wait, an order from the
#                                        other side for both at once: the first leg's fill must cancel
#                                        the second before this same taker reaches it
#   ("cancel_leg", index)                cancel of an OCO leg: both legs go
# and the cancel pools parked, linked, triggered and rejected.
_distance = st.integers(0, 3)
_limit = st.sampled_from([None, 0, 1, 2, -1])
_pool = st.sampled_from(["resting", "parked", "linked", "gone", "never", "unknown"])

ARGS = {
    **part2.ARGS,
    "cancel": (st.sampled_from(["live", "parked", "linked", "triggered", "linked", "partly", "gone", "unknown",
                                "again", "never", "rejected"]), part2._order),
    "stop": (part2._side, _distance, part2._quantity, _limit, st.booleans()),
    "oco_stop": (part2._order, st.booleans(), _distance, part2._quantity, _limit),
    "oco": (_pool, part2._order, _pool, part2._order),
    "mark": (st.integers(-3, 3),),
    "mark_to": (part2._order, st.booleans()),
    "mark_past": (part2._side, st.booleans()),
    "ladder": (part2._order, st.integers(0, 2), part2._quantity, st.booleans()),
    "stop_behind": (part2._order, st.sampled_from([1, -1, 2]), part2._quantity, _limit),
    "mark_near": (part2._side,),
    "cancel_leg": (part2._order,),
    "stop_pair": (part2._side, st.integers(1, 2), st.integers(-1, 2), st.booleans(), st.booleans()),
    "bracket": (part2._order, st.booleans(), _distance, part2._quantity, _limit),
    "big_stop": (part2._side, _distance, part2._sweep),
}
# How often each kind is drawn: part 3's own kinds a little more than half the time, the rest keep
# the book moving. Shrinking moves towards the first kinds.
WEIGHTS = {"submit": 2, "stop": 2, "mark": 1, "oco_stop": 3, "join": 2, "mark_to": 2, "hit": 3, "cancel": 4,
           "oco": 1, "market": 1, "mark_past": 2, "sweep": 2, "ladder": 2, "ioc_at": 1, "post_at": 1,
           "stop_behind": 2, "big_stop": 1, "mark_near": 2, "stop_pair": 4, "bracket": 2, "cancel_leg": 2,
           "depth": 1, "best_bid": 1, "best_ask": 1}
KINDS = [kind for kind, weight in WEIGHTS.items() for _ in range(weight)]


class Builder(part2.Builder):
    model: Model

    def __init__(self, mark_first: bool = False) -> None:
        super().__init__()
        self.stop_ids: list[int] = []
        if mark_first:  # most cases: stops placed against a mark (and rejected when at it)
            self.set_mark(START_MARK)

    def new_model(self) -> Model:
        return Model()

    def reference_price(self) -> int:
        return START_MARK if self.model.mark is None else self.model.mark

    def place_stop(self, side: str, distance: int, quantity: int, limit: int | None,
                   named: bool = False) -> int:
        order_id = self.take_id()
        stop_price = max(1, self.reference_price() + (distance if side == "buy" else -distance))
        limit_price = None if limit is None else max(1, stop_price + (limit if side == "buy" else -limit))
        args = [order_id, side, stop_price, quantity] + ([limit_price] if limit is not None or named else [])
        self.steps.append(call("stop", *args))
        self.model.stop(order_id, side, stop_price, quantity, limit_price)
        self.stop_ids.append(order_id)
        return order_id

    def op_stop(self, side: str, distance: int, quantity: int, limit: int | None, named: bool) -> None:
        self.place_stop(side, distance, quantity, limit, named)

    def link(self, a: int, b: int) -> None:
        self.steps.append(call("oco", a, b))
        self.model.oco(a, b)

    def op_oco_stop(self, index: int, same_side: bool, distance: int, quantity: int, limit: int | None) -> None:
        # The orders first in line on each side come first: a stop linked to one of them on the other
        # side trades with it when triggered, unless it is cancelled first.
        heads = [q[0] for q in (self.model.queue("buy"), self.model.queue("sell")) if q]
        resting = self.pick(heads + [i for i in self.model.live if i not in heads], index)
        if resting is None:  # nothing rests yet: a take-profit first
            self.submit("sell", self.reference_price() + 1 + distance, quantity)
            resting = self.next_id - 1
            if resting not in self.model.live:
                return
        side = self.model.live[resting][0]
        stop_id = self.place_stop(side if same_side else other(side), distance + 1, quantity, limit)
        self.link(resting, stop_id)

    def oco_pools(self) -> dict[str, list[int]]:
        return {"resting": list(self.model.live), "parked": list(self.model.stops),
                "linked": list(self.model.links), "gone": self.model.gone, "never": self.model.never}

    def op_oco(self, pool_a: str, a: int, pool_b: str, b: int) -> None:
        pools = self.oco_pools()
        first = self.pick(pools.get(pool_a, []), a)
        second = self.pick(pools.get(pool_b, []), b)
        self.link(self.next_id + a if first is None else first, self.next_id + b if second is None else second)

    def set_mark(self, price: int) -> None:
        self.steps.append(call("set_mark", price))
        self.model.set_mark(price)

    def op_mark(self, delta: int) -> None:
        bid, ask = self.model.best("buy"), self.model.best("sell")
        middle = self.reference_price() if bid is None or ask is None else (bid + ask) // 2
        self.set_mark(max(1, middle + delta))

    def op_mark_to(self, index: int, beyond: bool) -> None:
        stop_id = self.pick(list(reversed(self.model.stops)), index)
        if stop_id is None:
            self.set_mark(START_MARK)
            return
        side, stop_price = self.model.stops[stop_id][:2]
        self.set_mark(max(1, stop_price + (int(beyond) if side == "buy" else -int(beyond))))

    def op_big_stop(self, side: str, distance: int, extra: int) -> None:
        self.place_stop(side, distance, max(1, self.model.volume(other(side)) + extra), None)

    def op_stop_pair(self, side: str, distance: int, extra: int, near_first: bool, wait: bool) -> None:
        queue = self.model.queue(other(side))
        top = [i for i in queue if self.model.live[i][1] == self.model.live[queue[0]][1]] if queue else []
        sweeping = max(1, sum(self.model.live[i][2] for i in top) + 1 + extra)
        near, far = (side, distance, sweeping, None), (side, distance + 1, 1 + abs(extra), None)
        placed = [self.place_stop(*args) for args in ((near, far) if near_first else (far, near))]
        if not wait:
            self.trigger(placed[0] if near_first else placed[1])

    def trigger(self, stop_id: int) -> None:
        """The mark moved exactly onto a stop's price, if it is parked."""
        if stop_id in self.model.stops:
            self.set_mark(self.model.stops[stop_id][1])

    def op_bracket(self, index: int, same_side: bool, distance: int, quantity: int, limit: int | None) -> None:
        self.op_oco_stop(index, same_side, distance, quantity, limit)
        if self.model.stops:
            self.trigger(list(self.model.stops)[-1])

    def op_stop_behind(self, index: int, gap: int, quantity: int, limit: int | None) -> None:
        stop_id = self.pick(list(self.model.stops), index)
        if stop_id is None:
            self.place_stop("sell", gap, quantity, limit)
            return
        side, stop_price = self.model.stops[stop_id][:2]
        distance = max(0, abs(stop_price - self.reference_price()) + gap)
        self.place_stop(side, distance, quantity, limit)

    def resting(self, index: int) -> list[Any] | None:
        # OCO legs first: a leg that trades, even in part, must take its sibling with it.
        legs = [i for i in self.model.links if i in self.model.live]
        order = self.pick(legs + [i for i in self.model.live if i not in self.model.links], index)
        return None if order is None else self.model.live[order]

    def op_mark_near(self, side: str) -> None:
        prices = [s[1] for s in self.model.stops.values() if s[0] == side]
        if not prices:
            self.op_mark(1 if side == "buy" else -1)
        else:
            self.set_mark(min(prices) if side == "buy" else max(prices))

    def op_mark_past(self, side: str, beyond: bool) -> None:
        prices = [s[1] for s in self.model.stops.values() if s[0] == side]
        if side == "buy":
            self.set_mark(max(prices, default=self.reference_price()) + int(beyond))
        else:
            self.set_mark(max(1, min(prices, default=self.reference_price()) - int(beyond)))

    def op_ladder(self, index: int, gap: int, quantity: int, wait: bool) -> None:
        resting = self.pick(list(self.model.live), index)
        if resting is None:
            self.op_join(index, quantity)
            return
        side, price, remaining = self.model.live[resting][:3]
        behind = max(1, price - gap if side == "buy" else price + gap)
        self.submit(side, behind, quantity)
        self.link(resting, self.next_id - 1)
        if not wait:
            self.submit(other(side), behind, remaining + quantity)

    def op_cancel_leg(self, index: int) -> None:
        self.op_cancel("linked", index)

    def cancel_pools(self) -> dict[str, list[int]]:
        return {**super().cancel_pools(), "parked": list(self.model.stops), "linked": list(self.model.links),
                "triggered": self.model.triggered, "rejected": self.model.rejected}

    def finish(self) -> list[Step]:
        # Parked stops are invisible in the book: cancelling every stop ever placed shows which ones
        # are still there (or rest, triggered), and which were wrongly kept.
        return [*super().finish(), *(call("cancel", i) for i in self.stop_ids)]


_runs = st.lists(st.lists(part2.ops(KINDS, ARGS), max_size=25), max_size=12)  # as in part2.runs_of
# Whether the case starts with no mark (stops parked before any mark all meet the first one) is drawn
# once per case; a case shrinks towards starting with the mark set.
_cases = st.tuples(st.booleans(), _runs).map(
    lambda drawn: part2.build(Builder(mark_first=not drawn[0]), [op for run in drawn[1] for op in run]))


def cases() -> st.SearchStrategy[list[Step]]:
    return _cases


EXAMPLES: dict[str, list[Step]] = {
    "worked example": [
        new(),
        call("submit", 1, "buy", 99, 5),
        call("submit", 2, "sell", 106, 5),
        call("set_mark", 100),
        call("stop", 3, "sell", 98, 4),
        call("submit", 4, "sell", 104, 4),
        call("oco", 3, 4),
        call("stop", 5, "buy", 99, 1),
        call("set_mark", 98),
        call("depth", "sell", 5),
        call("depth", "buy", 5),
        call("cancel", 3),
        call("cancel", 4),
        call("cancel", 5),
    ],
    "a trade price is not the mark": [
        new(),
        call("submit", 1, "buy", 99, 1),
        call("submit", 2, "buy", 95, 5),
        call("set_mark", 100),
        call("stop", 3, "sell", 96, 1),
        call("stop", 4, "sell", 98, 2),
        call("set_mark", 98),
        call("set_mark", 96),
    ],
    "a mark equal to the stop price triggers it": [
        new(),
        call("submit", 1, "sell", 103, 2),
        call("submit", 2, "buy", 97, 2),
        call("stop", 3, "buy", 102, 1),
        call("stop", 4, "sell", 98, 1),
        call("set_mark", 100),
        call("set_mark", 102),
        call("set_mark", 98),
        call("cancel", 3),
        call("cancel", 4),
    ],
    "a stop the mark is already at or through is rejected": [
        new(),
        call("set_mark", 100),
        call("stop", 1, "buy", 100, 1),
        call("stop", 2, "sell", 100, 1),
        call("stop", 3, "buy", 99, 1),
        call("stop", 4, "sell", 101, 1),
        call("stop", 5, "buy", 101, 1),
        call("cancel", 1),
        call("cancel", 2),
        call("submit", 6, "sell", 101, 1),
        call("set_mark", 101),
        call("cancel", 5),
    ],
    "stops triggered by one set_mark run in placement order, not price order": [
        new(),
        call("submit", 1, "buy", 99, 1),
        call("submit", 2, "buy", 98, 1),
        call("set_mark", 100),
        call("stop", 3, "sell", 97, 1),
        call("stop", 4, "sell", 99, 1),
        call("set_mark", 96),
        *part2._look(),
    ],
    "stops placed before any mark all run at the first one": [
        new(),
        call("submit", 1, "sell", 101, 2),
        call("submit", 2, "buy", 99, 2),
        call("stop", 3, "sell", 102, 1),
        call("stop", 4, "buy", 98, 1),
        call("stop", 5, "buy", 105, 1),
        call("set_mark", 100),
        call("cancel", 5),
        *part2._look(),
    ],
    "trades never move the mark: no cascade inside one set_mark": [
        new(),
        call("submit", 1, "buy", 99, 1),
        call("submit", 2, "buy", 95, 5),
        call("set_mark", 100),
        call("stop", 3, "sell", 98, 2),
        call("stop", 4, "sell", 96, 1),
        call("set_mark", 98),
        call("cancel", 4),
        *part2._look(),
    ],
    "a triggered stop-limit that rests is cancellable, a triggered stop-market is not": [
        new(),
        call("submit", 1, "sell", 102, 1),
        call("set_mark", 100),
        call("stop", 2, "buy", 101, 3, 102),
        call("stop", 3, "buy", 101, 2),
        call("stop", 4, "buy", 101, 2, None),
        call("set_mark", 101),
        call("depth", "buy", 5),
        call("cancel", 2),
        call("cancel", 3),
        call("cancel", 4),
    ],
    "a triggered stop-limit gets its time priority at the trigger": [
        new(),
        call("set_mark", 100),
        call("stop", 1, "buy", 101, 2, 99),
        call("submit", 2, "buy", 99, 2),
        call("set_mark", 101),
        call("submit", 3, "buy", 99, 2),
        call("submit", 4, "sell", 99, 3),
        call("depth", "buy", 2),
    ],
    "a stop-limit triggered across the book trades up to its limit": [
        new(),
        call("submit", 1, "sell", 101, 1),
        call("submit", 2, "sell", 103, 5),
        call("set_mark", 100),
        call("stop", 3, "buy", 101, 4, 102),
        call("set_mark", 102),
        *part2._look(),
    ],
    "a stop triggered on an empty side trades nothing": [
        new(),
        call("stop", 1, "sell", 98, 2),
        call("set_mark", 97),
        call("cancel", 1),
        *part2._look(),
    ],
    "a parked stop is cancellable and then never triggers": [
        new(),
        call("submit", 1, "buy", 99, 3),
        call("set_mark", 100),
        call("stop", 2, "sell", 99, 2),
        call("cancel", 2),
        call("cancel", 2),
        call("set_mark", 95),
        *part2._look(),
    ],
    "a triggered stop is never triggered again": [
        new(),
        call("submit", 1, "buy", 99, 3),
        call("submit", 2, "buy", 97, 3),
        call("set_mark", 100),
        call("stop", 3, "sell", 99, 1),
        call("set_mark", 99),
        call("set_mark", 100),
        call("set_mark", 98),
        *part2._look(),
    ],
    "oco with an unknown, filled, linked or the same id is refused": [
        new(),
        call("submit", 1, "sell", 101, 2),
        call("submit", 2, "buy", 101, 2),
        call("submit", 3, "sell", 102, 2),
        call("set_mark", 100),
        call("stop", 4, "sell", 98, 1),
        call("stop", 5, "buy", 104, 1),
        call("oco", 3, 9),
        call("oco", 1, 3),
        call("oco", 3, 3),
        call("oco", 3, 4),
        call("oco", 4, 5),
        call("oco", 5, 3),
        call("oco", 4, 3),
        call("cancel", 5),
    ],
    "an oco leg filled as maker cancels its sibling within that call": [
        new(),
        call("submit", 1, "sell", 101, 2),
        call("submit", 2, "sell", 102, 3),
        call("oco", 1, 2),
        call("submit", 3, "buy", 102, 4),
        *part2._look(),
        call("cancel", 2),
        call("cancel", 3),
    ],
    "an oco leg traded in part cancels its sibling": [
        new(),
        call("set_mark", 100),
        call("submit", 1, "sell", 104, 4),
        call("stop", 2, "sell", 98, 4),
        call("oco", 1, 2),
        call("market", 3, "buy", 1),
        call("cancel", 2),
        call("submit", 4, "buy", 99, 2),
        call("set_mark", 97),
        call("cancel", 1),
        *part2._look(),
    ],
    "a triggered oco leg cancels its sibling before it executes": [
        new(),
        call("submit", 1, "sell", 101, 5),
        call("set_mark", 100),
        call("stop", 2, "buy", 101, 3),
        call("oco", 1, 2),
        call("set_mark", 101),
        *part2._look(),
        call("cancel", 1),
    ],
    "two linked stops triggered by one set_mark: only the first runs": [
        new(),
        call("submit", 1, "buy", 99, 5),
        call("set_mark", 100),
        call("stop", 2, "sell", 98, 1),
        call("stop", 3, "sell", 99, 2),
        call("oco", 3, 2),
        call("set_mark", 97),
        call("cancel", 2),
        call("cancel", 3),
        *part2._look(),
    ],
    "cancelling one oco leg cancels both": [
        new(),
        call("submit", 1, "buy", 99, 5),
        call("set_mark", 100),
        call("stop", 2, "sell", 98, 5),
        call("submit", 3, "sell", 104, 5),
        call("oco", 2, 3),
        call("cancel", 3),
        call("cancel", 2),
        call("set_mark", 97),
        *part2._look(),
    ],
}

ID_ARGS = {**part2.ID_ARGS, "stop": 1, "oco": 2}


def renumber(steps: list[Step]) -> list[Step]:
    """Order ids from 1 in order of first appearance, in every call that names one."""
    return part2.renumber(steps, ID_ARGS)


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    if not any(name in ("stop", "set_mark", "oco") for name, _ in steps[: index + 1]):
        return part2.advice(steps, index, expected, got)  # a part-1 or part-2 case
    name, args = steps[index]
    model = Model()
    for call_name, call_args in steps[1:index]:
        if call_name in ("submit", "market", "cancel", "stop", "set_mark", "oco"):
            getattr(model, call_name)(*call_args)
    if name == "stop" and expected is False and got is True:
        return (f"the mark is {model.mark}, already at or through this stop price: a stop that would "
                "trigger at once is rejected (False) and never parked")
    if name in ("cancel", "oco") and expected is False and got is True:
        gone = [i for i in args if i in model.cancelled_with]
        if gone:
            return (f"order {gone[0]} was cancelled as the OCO sibling of order {model.cancelled_with[gone[0]]}, "
                    "when that leg traded (even in part), triggered or was cancelled")
    if name != "set_mark" or not isinstance(got, list | tuple):
        return None
    got_trades = [tuple(t) for t in got]
    want = [tuple(t) for t in expected]
    if sorted(got_trades) == sorted(want):
        return ("the right trades in the wrong order: the stops one set_mark triggers run in the order "
                "they were placed, not by stop price")
    parked = dict(model.stops)
    triggered = [i for i, (side, stop_price, _, _) in parked.items() if Model.reached(side, stop_price, args[0])]
    first_got, first_want = (got_trades[0][1] if got_trades else None), (want[0][1] if want else None)
    if first_got in triggered and first_want in triggered and triggered.index(first_got) > triggered.index(first_want):
        return (f"stop {first_got} ran before stop {first_want}, which was placed before it: the stops one "
                "set_mark triggers run in the order they were placed, not by stop price")
    early = [t[1] for t in got_trades
             if t[1] in parked and not Model.reached(parked[t[1]][0], parked[t[1]][1], args[0])]
    if early:
        return (f"stop {early[0]} traded though the mark {args[0]} has not reached its stop price "
                f"{parked[early[0]][1]}: only the mark triggers stops, and trades never move it")
    legs = [t for t in got_trades if t[1] in parked and model.links.get(t[1]) == t[0]]
    if legs:
        return (f"stop {legs[0][1]} traded with its own OCO sibling {legs[0][0]}: when a leg triggers, "
                "its sibling is cancelled first, before the triggered leg executes")
    return None


MARK = 5_000_000  # the workload's mark: every buy stop above it, every sell stop below it


class Book(part2.Book):
    """Part 2's book plus n parked stops that the timed set_mark calls never reach: buy stops above
    the mark, sell stops below it (at prices under the book's), half of each, in shuffled order."""

    def start(self) -> list[Step]:
        return [new(), call("set_mark", MARK)]

    def grow(self, old: int, new_size: int) -> list[Step]:
        prices = [MARK + 1 + i if i % 2 else 1 + i for i in range(old, new_size)]
        random.Random(-new_size).shuffle(prices)
        stops = [call("stop", self._id(), "buy" if p > MARK else "sell", p, 1) for p in prices]
        return [*super().grow(old, new_size), *stops]

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check != "set_mark_idle":
            return super().sample(check, n, batch, rng)
        return [], [call("set_mark", MARK - rng.randrange(2)) for _ in range(batch)], []


WORKLOAD = Book
