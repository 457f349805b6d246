"""Hidden suite for orderbook, part 1 (valid input only).

Cases are built against a small model of the book while they are generated, so that calls aim at
the states where bugs live: a cancel mostly names a resting order (often one partly filled, often
one sharing its level), a submit often joins the level of a resting order or crosses one at exactly
its price, and cases run from a handful of calls to a hundred and more (ids past 9, 10, 11). Every
relation is stored as an index into the model's live orders, never as an id, so a case stays valid
and readable while Hypothesis deletes calls from it: ids are renumbered 1, 2, 3... in arrival order,
and every index shrinks to 0 (the oldest resting order).
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, new

SIDES = ["buy", "sell"]
# Around 100, so that prices cross a digit boundary (99, 100, 101); shrinking pulls them to 100.
PRICES = [100, 99, 101, 98, 102, 97, 103]


class Model:
    """The contract, kept simple rather than fast: what the generator aims its calls with."""

    def __init__(self) -> None:
        self.live: dict[int, list[Any]] = {}  # id -> [side, price, remaining], in arrival order
        self.gone: list[int] = []  # filled or cancelled ids
        self.partly: set[int] = set()  # resting ids that have been partly filled

    def queue(self, side: str) -> list[int]:
        """Resting ids of one side in priority order: best price, then arrival (ids only increase)."""
        ids = [i for i, (s, _, _) in self.live.items() if s == side]
        return sorted(ids, key=lambda i: (-self.live[i][1] if side == "buy" else self.live[i][1], i))

    def submit(self, order_id: int, side: str, price: int, quantity: int) -> None:
        for maker in self.queue("sell" if side == "buy" else "buy"):
            level = self.live[maker][1]
            if quantity == 0 or (side == "buy" and level > price) or (side == "sell" and level < price):
                break
            fill = min(quantity, self.live[maker][2])
            quantity -= fill
            self.live[maker][2] -= fill
            self.partly.add(maker)
            if self.live[maker][2] == 0:
                del self.live[maker]
                self.partly.discard(maker)
                self.gone.append(maker)
        if quantity:
            self.live[order_id] = [side, price, quantity]
        else:
            self.gone.append(order_id)

    def cancel(self, order_id: int) -> None:
        if self.live.pop(order_id, None) is not None:
            self.partly.discard(order_id)
            self.gone.append(order_id)


# An op is drawn without the state and resolved against the model when the case is built:
#   ("submit", side, price index, quantity)   a new order anywhere in the band
#   ("join", order, quantity)                 a resting order's side and price: a shared level
#   ("hit", order, extra)                     the other side at exactly a resting order's price, for
#                                             its remaining quantity + extra (< 0: a partial fill)
#   ("cancel", pool, order)                   resting (partly filled first), gone, an unknown id, or
#                                             the id the previous cancel named (a double cancel)
#   ("depth", side, levels), ("best_bid",), ("best_ask",)
# The kind is drawn first, then its own arguments (a composite, not a one_of: the shrinker would
# try every alternative of every op, which costs seconds on a long case). Everything shrinks to 0.
KINDS = ["submit", "join", "hit", "cancel", "depth", "best_bid", "best_ask", "submit", "cancel", "join"]
POOLS = ["live", "partly", "gone", "unknown", "again"]
_order = st.integers(0, 15)  # an index into the resting orders, taken modulo their number


# Built once: constructing strategies inside every draw costs more than the drawing itself.
_kind = st.integers(0, len(KINDS) - 1)
_side = st.sampled_from(SIDES)
_price = st.integers(0, len(PRICES) - 1)
_quantity = st.integers(1, 10)
_extra = st.integers(-9, 9)
_pool = st.sampled_from(POOLS)
_levels = st.integers(1, 8)


@st.composite
def _op(draw: st.DrawFn) -> tuple:
    kind = KINDS[draw(_kind)]
    if kind == "submit":
        return (kind, draw(_side), draw(_price), draw(_quantity))
    if kind == "join":
        return (kind, draw(_order), draw(_quantity))
    if kind == "hit":
        return (kind, draw(_order), draw(_extra))
    if kind == "cancel":
        return (kind, draw(_pool), draw(_order))
    if kind == "depth":
        return (kind, draw(_side), draw(_levels))
    return (kind,)


def _to_steps(ops: list[tuple]) -> list[Step]:
    steps: list[Step] = [new()]
    model = Model()
    next_id = 1
    last_cancel: int | None = None

    def submit(side: str, price: int, quantity: int) -> None:
        nonlocal next_id
        steps.append(call("submit", next_id, side, price, quantity))
        model.submit(next_id, side, price, quantity)
        next_id += 1

    for op in ops:
        live = list(model.live)
        kind = op[0]
        if kind == "submit":
            submit(op[1], PRICES[op[2]], op[3])
        elif kind in ("join", "hit") and not live:  # nothing rests yet: start the book
            submit("buy", PRICES[0], max(1, abs(op[2])))
        elif kind == "join":
            side, price, _ = model.live[live[op[1] % len(live)]]
            submit(side, price, op[2])
        elif kind == "hit":
            side, price, remaining = model.live[live[op[1] % len(live)]]
            submit("sell" if side == "buy" else "buy", price, max(1, remaining + op[2]))
        elif kind == "cancel":
            partly = sorted(model.partly) or live
            again = [last_cancel] if last_cancel is not None else live
            pool = {"live": live, "partly": partly, "gone": model.gone, "again": again}.get(op[1], [])
            order_id = pool[op[2] % len(pool)] if pool else next_id + op[2]  # unknown: never used (yet)
            last_cancel = order_id
            steps.append(call("cancel", order_id))
            model.cancel(order_id)
        else:
            steps.append(call(*op))
    # Every case ends by looking at the whole book, so a corrupted state cannot hide.
    return [*steps, call("depth", "buy", 10), call("depth", "sell", 10), call("best_bid"), call("best_ask")]


def cases() -> st.SearchStrategy[list[Step]]:
    # Lists of short runs: a flat list stays short (about 5 ops on average); runs give cases from a
    # few calls to ~150, while a failure still shrinks call by call.
    runs = st.lists(st.lists(_op(), max_size=25), max_size=12)
    return runs.map(lambda rs: _to_steps([op for run in rs for op in run]))


EXAMPLES: dict[str, list[Step]] = {
    "empty book": [
        new(),
        call("best_bid"),
        call("best_ask"),
        call("depth", "buy", 5),
        call("depth", "sell", 5),
        call("cancel", 1),
    ],
    "exact-quantity fill": [
        new(),
        call("submit", 1, "sell", 100, 5),
        call("submit", 2, "buy", 100, 5),
        call("best_bid"),
        call("best_ask"),
        call("depth", "sell", 1),
        call("cancel", 1),
    ],
    "multi-level sweep": [
        new(),
        call("submit", 1, "sell", 101, 2),
        call("submit", 2, "sell", 103, 2),
        call("submit", 3, "sell", 102, 2),
        call("submit", 4, "sell", 101, 1),
        call("submit", 5, "buy", 103, 6),
        call("depth", "sell", 3),
        call("best_bid"),
    ],
    "cancel after a partial fill": [
        new(),
        call("submit", 1, "buy", 100, 10),
        call("submit", 2, "sell", 99, 4),
        call("depth", "buy", 1),
        call("cancel", 1),
        call("best_bid"),
        call("cancel", 1),
    ],
    "cancel of a filled order": [
        new(),
        call("submit", 1, "buy", 100, 3),
        call("submit", 2, "sell", 100, 3),
        call("cancel", 1),
        call("cancel", 2),
    ],
    "FIFO inside a level": [
        new(),
        call("submit", 1, "buy", 100, 2),
        call("submit", 2, "buy", 100, 2),
        call("submit", 3, "sell", 100, 3),
        call("depth", "buy", 1),
    ],
    "cancel a partly filled order that shares its level": [
        new(),
        call("submit", 1, "sell", 100, 5),
        call("submit", 2, "buy", 100, 2),
        call("submit", 3, "sell", 100, 4),
        call("cancel", 1),
        call("depth", "sell", 1),
        call("best_ask"),
    ],
    "no cross rests both sides": [
        new(),
        call("submit", 1, "buy", 99, 1),
        call("submit", 2, "sell", 101, 1),
        call("best_bid"),
        call("best_ask"),
        call("depth", "buy", 2),
    ],
}


def renumber(steps: list[Step]) -> list[Step]:
    """Order ids from 1 in order of first appearance: a shrunk case that starts with submit(5, ...)
    reads as if calls were missing. The judge keeps the result only if it still fails the same way."""
    ids: dict[Any, int] = {}
    out: list[Step] = []
    for name, args in steps:
        if name in ("submit", "cancel") and args:
            args = [ids.setdefault(args[0], len(ids) + 1), *args[1:]]
        out.append([name, args])
    return out


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        return _advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


def _advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    if steps[index][0] == "new":  # only a raise fails a constructor: no method has run yet
        return ("OrderBook() raised, so no order was placed: write __init__ first (the starter file's "
                "methods raise NotImplementedError until you write them)")
    name, args = steps[index]
    if name != "depth" or not isinstance(got, list | tuple):
        return None
    # Replay, noting each cancel of a partly filled order: (side, price, quantity it had traded).
    model, original, traded = Model(), {}, []
    for call_name, call_args in steps[1:index]:
        if call_name == "submit":
            original[call_args[0]] = call_args[3]
            model.submit(*call_args)
        elif call_name == "cancel":
            order = model.live.get(call_args[0])
            if order is not None and order[2] < original[call_args[0]]:
                traded.append((order[0], order[1], original[call_args[0]] - order[2]))
            model.cancel(call_args[0])
    want = {price: quantity for price, quantity in expected}
    have = {price: quantity for price, quantity in got}
    for side, price, filled in traded:
        if side == args[0] and price in want and have.get(price) == want[price] - filled:
            return (f"the order cancelled at {price} had been partly filled ({filled} traded): a level's "
                    "quantity loses what a cancelled order had LEFT, not the quantity it was submitted with")
    return None


class Book(Workload):
    """One resting buy order per level, at even prices; timed operations use fresh odd prices."""

    def __init__(self) -> None:
        self.next_id = 1

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def grow(self, old: int, new_size: int) -> list[Step]:
        # Levels are added in shuffled order, so no solution gets an easy append-at-the-end path.
        prices = [2 * (i + 1) for i in range(old, new_size)]
        random.Random(new_size).shuffle(prices)
        return [call("submit", self._id(), "buy", p, 1) for p in prices]

    def _fresh(self, n: int, batch: int, rng: random.Random) -> list[Step]:
        # New levels in random gaps across the whole book: a sorted list shifts half its items each
        # time, as it would in production; the judge's yardstick is measured the same way.
        prices = [2 * p + 1 for p in rng.sample(range(n), min(batch, n))]
        return [call("submit", self._id(), "buy", p, 1) for p in prices]

    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "submit_new_level":
            timed = self._fresh(n, batch, rng)
            return [], timed, [call("cancel", s[1][0]) for s in timed]
        if check == "cancel":
            prepare = self._fresh(n, batch, rng)
            return prepare, [call("cancel", s[1][0]) for s in prepare], []
        # best price: cancelling the best level first makes lazy-deletion heaps clean up inside the batch
        best = self._id()
        prepare = [call("submit", best, "buy", 2 * n + 1, 1), call("cancel", best)]
        return prepare, [call("best_bid") if i % 2 else call("best_ask") for i in range(batch)], []


WORKLOAD = Book
