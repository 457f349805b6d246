"""What a problem's hidden suite (problems/<name>/suite.py) builds on.

A suite module defines:
- `cases()`: a Hypothesis strategy of test cases; a case is a list of steps `[call, [args...]]`, where
  call "new" constructs the entry class and any other call is a method (or a function, for
  function problems).
- `EXAMPLES`: named explicit cases that always run first (the edge cases a reviewer would write).
- `WORKLOAD`: a factory of `Workload`, if problem.yaml has complexity checks: the judge keeps one
  state per size (one Workload object each), grown once, and times every check's operation on each
  of them (`sample(check, ...)`) in rounds.
- optionally `equal(step, expected, got, tolerance) -> bool` to compare one step's results when the
  default comparison (tuples ~ lists, floats within tolerance) is not right for the problem, and
  `advice(steps, index, expected, got) -> str | None` to add a hint to a counterexample.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from typing import Any

Step = list[Any]


def new(*args: Any) -> Step:
    return ["new", list(args)]


def call(name: str, *args: Any) -> Step:
    return [name, list(args)]


class Workload(ABC):
    """Drives the complexity checks on one state: grow it to size n, then time batches of each
    operation on it, again and again (one Workload object per state: it may keep counters)."""

    def start(self) -> list[Step]:
        return [new()]

    @abstractmethod
    def grow(self, old: int, new: int) -> list[Step]:
        """Steps that take the state from size `old` to size `new`."""

    @abstractmethod
    def sample(
        self, check: str, n: int, batch: int, rng: random.Random
    ) -> tuple[list[Step], list[Step], list[Step]]:
        """(prepare, timed, undo) for one repetition of `check` at size n: only `timed` is measured,
        and after `undo` the state is back to size n."""

    def growth(self, check: str, batch: int) -> int:
        """How much one `sample(check, n, batch)` leaves the state bigger by, for operations that
        cannot be undone (an EMA update): the judge rebuilds a state that drifted too far from n."""
        return 0
