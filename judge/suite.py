"""What a problem's hidden suite (problems/<name>/suite.py) builds on.

A suite module defines:
A later part's suite (suite2.py, problem.yaml `parts:`) defines the same for its own part only;
the judge adds every earlier part's cases and examples to it (judge.problems.Problem.at).

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

import importlib.util
import random
import sys
from abc import ABC, abstractmethod
from pathlib import Path
from types import ModuleType
from typing import Any

Step = list[Any]


def new(*args: Any) -> Step:
    return ["new", list(args)]


def call(name: str, *args: Any) -> Step:
    return [name, list(args)]


def new_of(class_name: str, *args: Any) -> Step:
    """Construct a class a later part added (the entry's own class is `new`)."""
    return [f"new:{class_name}", list(args)]


def is_new(call: str) -> bool:
    return call == "new" or call.startswith("new:")


def module_name_for(path: Path, role: str) -> str:
    """One module per file of a package, whoever imports it (the judge, or a later part's suite
    through sibling()): both see the same objects."""
    return f"judge_problem_{path.parent.name}_{role}_{path.stem}"


def sibling(here: str, filename: str) -> ModuleType:
    """Another file of the same problem package (a later part's suite reusing part 1's model and
    strategies), imported once by path under the name the judge gives it: problems/ is not a package."""
    path = Path(here).with_name(filename)
    name = module_name_for(path, "suite")
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


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
