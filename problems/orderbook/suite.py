"""Hidden suite for orderbook, part 1 (valid input only)."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from judge.suite import Step, Workload, call, new

SIDES = ["buy", "sell"]

# Bids in 100..106 and asks in 102..108: both sides build several levels AND cross often enough;
# shrinking pulls prices towards the bottom of each band.
_op = st.one_of(
    st.tuples(st.just("submit"), st.just("buy"), st.integers(100, 106), st.integers(1, 10)),
    st.tuples(st.just("submit"), st.just("sell"), st.integers(102, 108), st.integers(1, 10)),
    st.tuples(st.just("cancel"), st.integers(0, 40)),
    st.tuples(st.just("best_bid")),
    st.tuples(st.just("best_ask")),
    st.tuples(st.just("depth"), st.sampled_from(SIDES), st.integers(1, 8)),
)


def _to_steps(ops: list[tuple]) -> list[Step]:
    """Ids are given in arrival order, so a shrunk case still reads 1, 2, 3...; a cancel picks an
    earlier order by index (or, past the end, an id never used)."""
    steps: list[Step] = [new()]
    ids: list[int] = []
    for op in ops:
        if op[0] == "submit":
            ids.append(len(ids) + 1)
            steps.append(call("submit", ids[-1], *op[1:]))
        elif op[0] == "cancel":
            index = op[1]
            steps.append(call("cancel", ids[index] if index < len(ids) else 1000 + index))
        else:
            steps.append(call(*op))
    # Every case ends by looking at the whole book, so a corrupted state cannot hide.
    return [*steps, call("depth", "buy", 10), call("depth", "sell", 10)]


def cases() -> st.SearchStrategy[list[Step]]:
    return st.lists(_op, max_size=50).map(_to_steps)


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
    "no cross rests both sides": [
        new(),
        call("submit", 1, "buy", 99, 1),
        call("submit", 2, "sell", 101, 1),
        call("best_bid"),
        call("best_ask"),
        call("depth", "buy", 2),
    ],
}


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
