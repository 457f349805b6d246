"""Hidden suite for orderbook, part 2: market, IOC and post-only orders (part 1's cases run as well).

As in part 1, cases are built against a small model while they are generated, so that calls aim at
the states where these bugs live: an IOC or post-only priced relative to the opposite best price (one
tick short of it, exactly at it, one tick through it), an IOC that takes a resting order and has some
left over, a market order sized from the whole opposite side (a few lots short of it, exactly it, more
than it), cancels that name an order which never rested (an IOC, a market order, a rejected
post-only). Relations are indices into the model's state, never ids, so a case stays valid while
Hypothesis deletes calls from it; ids are renumbered 1, 2, 3... in arrival order.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from judge.suite import Step, call, new, sibling

base = sibling(__file__, "suite.py")

SIDES = base.SIDES
PRICES = base.PRICES
Trade = tuple[int, int, int, int]


def other(side: str) -> str:
    return "sell" if side == "buy" else "buy"


class Model:
    """The contract kept simple rather than fast: every order in one dict, priority by sorting.
    Arrival is a sequence number, not the id: from part 3 on, an order may rest long after its id was
    given out (a stop-limit rests when it triggers)."""

    def __init__(self) -> None:
        self.live: dict[int, list[Any]] = {}  # resting id -> [side, price, remaining, arrival]
        self.arrivals = 0
        self.gone: list[int] = []  # rested once, then filled or cancelled; and takers filled at once
        self.never: list[int] = []  # never rested: IOC and market orders, rejected post-only orders
        self.dropped: dict[int, tuple[str, str]] = {}  # id -> (side, what): lots that did not rest
        self.partly: set[int] = set()  # resting ids that have traded

    def queue(self, side: str) -> list[int]:
        """Resting ids of one side in priority order: best price, then arrival."""
        sign = -1 if side == "buy" else 1
        return sorted((i for i, o in self.live.items() if o[0] == side),
                      key=lambda i: (sign * self.live[i][1], self.live[i][3]))

    def best(self, side: str) -> int | None:
        q = self.queue(side)
        return self.live[q[0]][1] if q else None

    def volume(self, side: str) -> int:
        return sum(o[2] for o in self.live.values() if o[0] == side)

    def crosses(self, side: str, price: int) -> bool:
        best = self.best(other(side))
        return best is not None and (best <= price if side == "buy" else best >= price)

    def traded(self, maker: int) -> None:
        """A resting order just traded (part 3 cancels its OCO sibling here)."""

    def match(self, order_id: int, side: str, limit: int | None, quantity: int) -> tuple[list[Trade], int]:
        trades: list[Trade] = []
        while quantity > 0:
            q = self.queue(other(side))
            if not q:
                break
            maker = q[0]
            _, price, remaining, _ = self.live[maker]
            if limit is not None and (price > limit if side == "buy" else price < limit):
                break
            fill = min(quantity, remaining)
            trades.append((maker, order_id, price, fill))
            quantity -= fill
            self.live[maker][2] -= fill
            self.partly.add(maker)
            if self.live[maker][2] == 0:
                del self.live[maker]
                self.partly.discard(maker)
                self.gone.append(maker)
            self.traded(maker)
        return trades, quantity

    def rest(self, order_id: int, side: str, price: int, quantity: int) -> None:
        self.arrivals += 1
        self.live[order_id] = [side, price, quantity, self.arrivals]

    def submit(self, order_id: int, side: str, price: int, quantity: int, tif: str = "gtc") -> list[Trade]:
        if tif == "post_only" and self.crosses(side, price):
            self.never.append(order_id)
            self.dropped[order_id] = (side, "a rejected post_only")
            return []
        trades, left = self.match(order_id, side, price, quantity)
        if tif == "ioc":
            self.never.append(order_id)
            if left:
                self.dropped[order_id] = (side, "an IOC")
        elif left:
            self.rest(order_id, side, price, left)
        else:
            self.gone.append(order_id)
        return trades

    def market(self, order_id: int, side: str, quantity: int) -> list[Trade]:
        self.never.append(order_id)
        trades, left = self.match(order_id, side, None, quantity)
        if left:
            self.dropped[order_id] = (side, "a market order")
        return trades

    def cancel(self, order_id: int) -> bool:
        if self.live.pop(order_id, None) is None:
            return False
        self.partly.discard(order_id)
        self.gone.append(order_id)
        return True


# An op is drawn without the state and resolved against the model when the case is built. The
# part-1 kinds keep their meaning (see suite.py); part 2 adds:
#   ("ioc_at", side, offset, quantity)    IOC priced from the opposite best: offset -1 one tick short
#   ("post_at", side, offset, quantity)   of it, 0 exactly at it, 1 one tick through it
#   ("ioc_hit", order, extra)             IOC at a resting order's price for its remaining + extra
#   ("ioc", side, price, quantity), ("post", side, price, quantity)   anywhere in the band
#   ("market", side, quantity)
#   ("sweep", side, extra)                market for the whole opposite side + extra (< 0: it leaves
#                                         a partly filled maker; > 0: more than the side holds)
# and a cancel pool "never": the id of an order that never rested. A gtc submit sometimes names its
# tif ("gtc") and sometimes leaves it out, as part-1 code calls it. Everything shrinks to 0.
_side = st.sampled_from(SIDES)
_price = st.integers(0, len(PRICES) - 1)
_quantity = st.integers(1, 10)
_order = st.integers(0, 15)  # an index into a pool, taken modulo its size
_extra = st.integers(-9, 9)
_offset = st.sampled_from([-1, 0, 1])
_sweep = st.integers(-3, 3)
_named = st.booleans()

ARGS: dict[str, tuple[st.SearchStrategy[Any], ...]] = {
    "submit": (_side, _price, _quantity, _named),
    "join": (_order, _quantity),
    "hit": (_order, _extra),
    "cancel": (st.sampled_from(["live", "partly", "gone", "unknown", "again", "never"]), _order),
    "depth": (_side, st.integers(1, 8)),
    "best_bid": (),
    "best_ask": (),
    "ioc_at": (_side, _offset, _quantity),
    "post_at": (_side, _offset, _quantity),
    "ioc_hit": (_order, _extra),
    "ioc": (_side, _price, _quantity),
    "post": (_side, _price, _quantity),
    "market": (_side, _quantity),
    "sweep": (_side, _sweep),
}
KINDS = ["submit", "join", "hit", "ioc_at", "post_at", "cancel", "sweep", "market", "ioc_hit", "join",
         "submit", "post", "ioc", "cancel", "depth", "best_bid", "best_ask", "hit", "post_at", "ioc_at"]


def ops(kinds: list[str], args: dict[str, tuple[st.SearchStrategy[Any], ...]]) -> st.SearchStrategy[tuple]:
    """The kind first, then its own arguments: a composite, not a one_of (the shrinker would try
    every alternative of every op, which costs seconds on a long case)."""
    kind_index = st.integers(0, len(kinds) - 1)

    @st.composite
    def op(draw: st.DrawFn) -> tuple:
        kind = kinds[draw(kind_index)]
        return (kind, *(draw(a) for a in args[kind]))

    return op()


class Builder:
    """Turns ops into steps, keeping the model in step with the calls it emits."""

    model: Model

    def __init__(self) -> None:
        self.steps: list[Step] = [new()]
        self.model = self.new_model()
        self.next_id = 1
        self.last_cancel: int | None = None

    def new_model(self) -> Model:
        return Model()

    def take_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def pick(self, pool: list[int], index: int) -> int | None:
        return pool[index % len(pool)] if pool else None

    def submit(self, side: str, price: int, quantity: int, tif: str | None = None) -> None:
        order_id = self.take_id()
        args = [order_id, side, price, quantity] + ([tif] if tif else [])
        self.steps.append(call("submit", *args))
        self.model.submit(order_id, side, price, quantity, tif or "gtc")

    def market(self, side: str, quantity: int) -> None:
        order_id = self.take_id()
        self.steps.append(call("market", order_id, side, quantity))
        self.model.market(order_id, side, quantity)

    def relative(self, side: str, offset: int) -> int:
        """A price `offset` ticks through the opposite best (-1: one tick short of crossing it)."""
        best = self.model.best(other(side))
        if best is None:
            return PRICES[offset % len(PRICES)]
        return max(1, best + offset if side == "buy" else best - offset)

    def cancel_pools(self) -> dict[str, list[int]]:
        live = list(self.model.live)
        again = [self.last_cancel] if self.last_cancel is not None else live
        return {"live": live, "partly": sorted(self.model.partly) or live, "gone": self.model.gone,
                "again": again, "never": self.model.never}

    def add(self, op: tuple) -> None:
        getattr(self, "op_" + op[0])(*op[1:])

    def op_submit(self, side: str, price: int, quantity: int, named: bool) -> None:
        self.submit(side, PRICES[price], quantity, "gtc" if named else None)

    def resting(self, index: int) -> list[Any] | None:
        order = self.pick(list(self.model.live), index)
        return None if order is None else self.model.live[order]

    def op_join(self, index: int, quantity: int) -> None:
        order = self.resting(index)
        if order is None:  # nothing rests yet: start the book
            self.submit("buy", PRICES[0], quantity)
        else:
            self.submit(order[0], order[1], quantity)

    def op_hit(self, index: int, extra: int, tif: str | None = None) -> None:
        order = self.resting(index)
        if order is None:
            self.submit("buy", PRICES[0], max(1, abs(extra)))
        else:
            self.submit(other(order[0]), order[1], max(1, order[2] + extra), tif)

    def op_ioc_hit(self, index: int, extra: int) -> None:
        self.op_hit(index, extra, "ioc")

    def op_cancel(self, pool_name: str, index: int) -> None:
        order_id = self.pick(self.cancel_pools().get(pool_name, []), index)
        if order_id is None:
            order_id = self.next_id + index  # an id not used (yet)
        self.last_cancel = order_id
        self.steps.append(call("cancel", order_id))
        self.model.cancel(order_id)

    def op_depth(self, side: str, levels: int) -> None:
        self.steps.append(call("depth", side, levels))

    def op_best_bid(self) -> None:
        self.steps.append(call("best_bid"))

    def op_best_ask(self) -> None:
        self.steps.append(call("best_ask"))

    def op_ioc_at(self, side: str, offset: int, quantity: int) -> None:
        self.submit(side, self.relative(side, offset), quantity, "ioc")

    def op_post_at(self, side: str, offset: int, quantity: int) -> None:
        self.submit(side, self.relative(side, offset), quantity, "post_only")

    def op_ioc(self, side: str, price: int, quantity: int) -> None:
        self.submit(side, PRICES[price], quantity, "ioc")

    def op_post(self, side: str, price: int, quantity: int) -> None:
        self.submit(side, PRICES[price], quantity, "post_only")

    def op_market(self, side: str, quantity: int) -> None:
        self.market(side, quantity)

    def op_sweep(self, side: str, extra: int) -> None:
        self.market(side, max(1, self.model.volume(other(side)) + extra))

    def finish(self) -> list[Step]:
        # Every case ends by looking at the whole book, so a corrupted state cannot hide.
        return [*self.steps, call("depth", "buy", 10), call("depth", "sell", 10), call("best_bid"),
                call("best_ask")]


def build(builder: Builder, ops: list[tuple]) -> list[Step]:
    for op in ops:
        builder.add(op)
    return builder.finish()


def runs_of(op: st.SearchStrategy[tuple], make: type[Builder]) -> st.SearchStrategy[list[Step]]:
    # Lists of short runs: a flat list stays short (about 5 ops on average); runs give cases from a
    # few calls to ~150, while a failure still shrinks call by call.
    runs = st.lists(st.lists(op, max_size=25), max_size=12)
    return runs.map(lambda rs: build(make(), [o for run in rs for o in run]))


_cases = runs_of(ops(KINDS, ARGS), Builder)


def cases() -> st.SearchStrategy[list[Step]]:
    return _cases


def _look() -> list[Step]:
    return [call("best_bid"), call("best_ask"), call("depth", "buy", 5), call("depth", "sell", 5)]


EXAMPLES: dict[str, list[Step]] = {
    "worked example": [
        new(),
        call("submit", 1, "sell", 101, 5),
        call("submit", 2, "sell", 103, 5),
        call("submit", 3, "buy", 102, 8, "ioc"),
        call("best_bid"),
        call("submit", 4, "buy", 103, 1, "post_only"),
        call("cancel", 4),
        call("submit", 5, "buy", 102, 2, "post_only"),
        call("best_bid"),
        call("market", 6, "sell", 10),
        call("best_ask"),
        call("cancel", 6),
    ],
    "market on an empty side leaves the book unchanged": [
        new(),
        call("submit", 1, "buy", 100, 3),
        call("market", 2, "buy", 5),
        *_look(),
        call("cancel", 2),
    ],
    "ioc on an empty side leaves the book unchanged": [
        new(),
        call("submit", 1, "sell", 101, 3),
        call("submit", 2, "sell", 100, 4, "ioc"),
        *_look(),
        call("cancel", 2),
    ],
    "ioc that does not cross never rests": [
        new(),
        call("submit", 1, "sell", 101, 3),
        call("submit", 2, "buy", 100, 4, "ioc"),
        *_look(),
        call("cancel", 2),
        call("submit", 3, "sell", 100, 1),
    ],
    "ioc fills up to its limit and drops the rest": [
        new(),
        call("submit", 1, "sell", 100, 2),
        call("submit", 2, "sell", 101, 2),
        call("submit", 3, "sell", 102, 2),
        call("submit", 4, "buy", 101, 9, "ioc"),
        *_look(),
        call("cancel", 4),
    ],
    "ioc fills completely": [
        new(),
        call("submit", 1, "buy", 100, 5),
        call("submit", 2, "sell", 99, 3, "ioc"),
        *_look(),
    ],
    "post_only at the best ask is a cross: rejected": [
        new(),
        call("submit", 1, "sell", 101, 3),
        call("submit", 2, "buy", 101, 2, "post_only"),
        *_look(),
        call("cancel", 2),
        call("cancel", 1),
    ],
    "post_only sell at the best bid is a cross: rejected": [
        new(),
        call("submit", 1, "buy", 99, 3),
        call("submit", 2, "sell", 99, 2, "post_only"),
        call("submit", 3, "sell", 98, 2, "post_only"),
        *_look(),
        call("cancel", 3),
    ],
    "post_only on an empty opposite side rests": [
        new(),
        call("submit", 1, "buy", 100, 2, "post_only"),
        call("submit", 2, "buy", 100, 3, "post_only"),
        *_look(),
    ],
    "a resting post_only trades as maker at its own price": [
        new(),
        call("submit", 1, "sell", 102, 3),
        call("submit", 2, "buy", 101, 4, "post_only"),
        call("submit", 3, "sell", 100, 5),
        *_look(),
        call("cancel", 2),
    ],
    "a market sweep leaves a partly filled maker with its time priority": [
        new(),
        call("submit", 1, "sell", 100, 2),
        call("submit", 2, "sell", 101, 4),
        call("market", 3, "buy", 4),
        call("submit", 4, "sell", 101, 5),
        call("depth", "sell", 2),
        call("submit", 5, "buy", 101, 3),
        call("cancel", 2),
        call("cancel", 4),
        *_look(),
    ],
    "market larger than the whole side": [
        new(),
        call("submit", 1, "buy", 100, 2),
        call("submit", 2, "buy", 98, 1),
        call("submit", 3, "buy", 99, 3),
        call("market", 4, "sell", 50),
        *_look(),
        call("cancel", 4),
        call("cancel", 1),
    ],
    "gtc named or left out": [
        new(),
        call("submit", 1, "sell", 100, 2, "gtc"),
        call("submit", 2, "buy", 100, 3, "gtc"),
        call("submit", 3, "sell", 99, 2),
        *_look(),
        call("cancel", 2),
    ],
}


ID_ARGS = {"submit": 1, "cancel": 1, "market": 1}  # how many leading arguments are order ids


def renumber(steps: list[Step], id_args: dict[str, int] = ID_ARGS) -> list[Step]:
    """Order ids from 1 in order of first appearance, in every call that names one."""
    ids: dict[Any, int] = {}
    out: list[Step] = []
    for name, args in steps:
        if name in id_args and args:
            args = [ids.setdefault(a, len(ids) + 1) if i < id_args[name] else a for i, a in enumerate(args)]
        out.append([name, args])
    return out


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def replay(model: Model, steps: list[Step]) -> None:
    """Run calls on a model, for advice: only the calls that change the state."""
    for name, args in steps:
        if name in ("submit", "market", "cancel"):
            getattr(model, name)(*args)


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    name, args = steps[index]
    if not any(n == "market" or (n == "submit" and len(a) > 4) for n, a in steps[:index + 1]):
        return base.advice(steps, index, expected, got)  # a part-1 case
    model = Model()
    replay(model, steps[1:index])
    if name == "cancel" and expected is False and got is True and args[0] in model.never:
        return (f"order {args[0]} never rested (an IOC or market remainder is discarded, a rejected "
                "post_only never enters the book), so there is nothing to cancel")
    if name == "market" and isinstance(got, list | tuple) and 0 < len(got) < len(expected) \
            and [list(t) for t in got] == [list(t) for t in expected[:len(got)]]:
        return ("a market order goes on to the next price level, at any price, until it is filled or the "
                "opposite side is empty")
    if name == "submit" and len(args) > 4 and args[4] == "post_only" and expected == [] and got:
        return ("a post_only order that would trade is rejected whole: a buy crosses when the best ask "
                "is <= its price (equal included), a sell when the best bid is >= its price")
    if name in ("best_bid", "best_ask", "depth"):
        side = args[0] if name == "depth" else ("buy" if name == "best_bid" else "sell")
        dropped = [(i, what) for i, (s, what) in model.dropped.items() if s == side]
        if dropped:
            order_id, what = dropped[-1]
            fate = "it never enters the book" if what.endswith("post_only") else \
                "what it did not fill at once is dropped, never left resting"
            return f"order {order_id} on this side was {what}: {fate}"
    return None


class Book(base.Book):
    """Part 1's book (one buy order per level) plus the market check: each timed market sells 1 lot
    into a bid at a fresh top level, so every call takes the best level and removes it."""

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check != "market_one_lot":
            return super().sample(check, n, batch, rng)
        top = 2 * n + 2  # above every level of the book (even prices up to 2n)
        prepare = [call("submit", self._id(), "buy", top + k, 1) for k in range(batch)]
        return prepare, [call("market", self._id(), "sell", 1) for _ in range(batch)], []


WORKLOAD = Book
