"""The quick run's cases: drawn once with Hypothesis, kept with the reference's answers, picked by seed.

`judge run --quick` is the edit-run loop and must answer in well under a second. Importing Hypothesis
and running its engine for 60 cases costs more than that alone, so a quick run draws nothing: the
first one of a (problem, part) draws a bank of cases with Hypothesis (a fixed seed, the suite's own
strategy, as many cases as a full run's budget), runs the reference on each, and stores cases and
answers in the cache dir. Every later quick run reads the bank, lets its seed pick which cases run,
and compares the submission's answers with the stored ones, without importing the suite or the
reference (unless the suite compares with its own `equal`, or a case fails and must be shrunk).

The bank is keyed by everything it was computed from (the problem folder's Python files and
problem.yaml, the judge files that compose cases and compute and store answers, the part, the bank
seed and size): an edited suite or reference gets a new bank, never stale answers. Full runs do not
use the bank.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from judge import protocol
from judge.paths import cache_dir
from judge.suite import Step

if TYPE_CHECKING:
    from judge.problems import Problem

FORMAT = 1  # bump when what a bank holds, or how its answers are computed, changes
BANK_SEED = 20240612  # the bank is the same on every machine with the same Hypothesis
_JUDGE = Path(__file__).resolve().parent
# What the suites build cases with, how a part's cases are composed from its suites' (problems.py), how
# the reference's answers are computed (correctness.py) and stored (protocol.py): a change to any of them
# draws the bank again.
_KEYED_JUDGE_FILES = ("suite.py", "problems.py", "correctness.py", "protocol.py")

Building = Callable[[int, int], None]  # (cases drawn, of how many)


@dataclass(frozen=True)
class Case:
    steps: list[Step]
    expected: list[Any]  # the reference's answer to each step, decoded as the wire carries it


class Bank:
    """One (problem, part)'s explicit examples and generated cases, each with the reference's answers.

    Generated cases are kept as their stored lines and decoded when picked: a quick run uses 60 of
    about 200, and decoding the rest would cost more than reading the file."""

    def __init__(self, header: dict[str, Any], examples: list[tuple[str, Case]], lines: list[str]) -> None:
        self.header, self.examples, self._lines = header, examples, lines
        self.built_seconds: float | None = None  # set when this run built the bank (a one-off cost)

    @property
    def suite_compares(self) -> bool:
        """Whether the suite has its own `equal`: comparing then needs the suite module itself."""
        return bool(self.header.get("equal"))

    def __len__(self) -> int:
        return len(self._lines)

    def case(self, index: int) -> Case:
        return _case(json.loads(self._lines[index]))

    def pick(self, seed: int, count: int) -> list[tuple[int, Case]]:
        """`count` cases chosen by `seed`, shortest first: the same seed picks the same cases, and a bug
        shows on the shortest picked case that has it, which shrinks fastest and reads best."""
        chosen = random.Random(seed).sample(range(len(self._lines)), min(count, len(self._lines)))
        picked = [(i, self.case(i)) for i in chosen]
        return sorted(picked, key=lambda item: (len(item[1].steps), item[0]))


def _case(raw: dict[str, Any]) -> Case:
    steps = [[name, [protocol.decode_value(a) for a in args]] for name, args in raw["steps"]]
    return Case(steps=steps, expected=[protocol.decode_value(v) for v in raw["expected"]])


def _line(steps: list[Step], expected: list[Any], **extra: Any) -> str:
    return json.dumps({**extra, "steps": protocol.encode_steps(steps), "expected": expected},
                      separators=(",", ":"))


# -- where a bank lives and what it is keyed by --------------------------------------------------------


def bank_dir() -> Path:
    """cache_dir()/casebank, or JUDGE_CASEBANK_DIR: a bank holds no user state (it is a pure function of
    the problem's files), so the judge's own tests share one folder of banks across tests."""
    override = os.environ.get("JUDGE_CASEBANK_DIR")
    return Path(override) if override else cache_dir() / "casebank"


def key(problem: Problem, part: int, size: int) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{part}\0{BANK_SEED}\0{size}\0".encode())
    files = [*sorted(problem.folder.glob("*.py")), problem.folder / "problem.yaml"]
    files += [_JUDGE / name for name in _KEYED_JUDGE_FILES]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _path(problem: Problem, part: int, digest: str) -> Path:
    return bank_dir() / f"{problem.name}.part{part}.{digest}.jsonl"


def bank_size(problem: Problem) -> int:
    """As many cases as a full run generates: the quick runs of a session see that many different ones."""
    return max(problem.meta.tests.max_examples, 2 * problem.meta.tests.quick_examples)


def load(problem: Problem, part: int, building: Building | None = None) -> Bank:
    """The bank of (problem, part), built first if there is none for the problem's current files."""
    size = bank_size(problem)
    digest = key(problem, part, size)
    path = _path(problem, part, digest)
    found = _read(path, digest)
    if found is not None:
        return found
    began = time.perf_counter()
    text = build(problem, part, size, digest, building)
    _store(path, text)
    bank = _parse(text, digest)
    assert bank is not None, "a bank just built parses"
    bank.built_seconds = time.perf_counter() - began
    return bank


def _read(path: Path, digest: str) -> Bank | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return _parse(text, digest)
    except (ValueError, KeyError, TypeError, IndexError):  # a truncated or foreign file: built again
        return None


def _parse(text: str, digest: str) -> Bank | None:
    lines = text.splitlines()
    header = json.loads(lines[0]) if lines else {}
    if not isinstance(header, dict) or header.get("key") != digest or header.get("format") != FORMAT:
        return None
    count = int(header["examples"])
    examples = []
    for line in lines[1 : 1 + count]:
        raw = json.loads(line)
        examples.append((str(raw["name"]), _case(raw)))
    cases = lines[1 + count :]
    if len(cases) != int(header["cases"]):
        return None
    return Bank(header, examples, cases)


def _store(path: Path, text: str) -> None:
    """Atomically, and the banks of older versions of the problem's files go: an unwritable cache
    only costs the next quick run another build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(path.name.rsplit(".", 2)[0] + ".*.jsonl"):
            if old != path:
                old.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


# -- building: the only place a quick run meets Hypothesis ----------------------------------------------


def build(problem: Problem, part: int, size: int, digest: str, building: Building | None = None) -> str:
    """The bank's text: a header, the suite's EXAMPLES, then up to `size` distinct generated cases,
    each with the reference's answers. Generation only (no shrinking): no submission is involved."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hypothesis_seed

    from judge import failcache
    from judge.correctness import ReferenceRunner

    failcache.keep_hypothesis_files_here()
    reference = ReferenceRunner(problem)
    examples = [_line(steps, reference.encoded(steps), name=name) for name, steps in problem.examples(part).items()]
    seen: set[str] = set()
    cases: list[str] = []

    @settings(max_examples=size, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.generate], verbosity=Verbosity.quiet)
    @given(problem.cases(part))
    def draw(steps: list[Step]) -> None:
        wire = json.dumps(protocol.encode_steps(steps), separators=(",", ":"))
        if wire not in seen:  # Hypothesis draws some cases twice; a bank keeps each once
            seen.add(wire)
            cases.append(_line(steps, reference.encoded(steps)))
        if building:
            building(len(seen), size)

    hypothesis_seed(BANK_SEED)(draw)()
    header = {"format": FORMAT, "key": digest, "problem": problem.name, "part": part, "seed": BANK_SEED,
              "examples": len(examples), "cases": len(cases), "equal": callable(getattr(problem.suite, "equal", None))}
    return "\n".join([json.dumps(header), *examples, *cases]) + "\n"


def warm(names: list[str] | None = None) -> list[tuple[str, int, int]]:
    """Build the banks of every part of the named problems (default: all), so that not even the first
    quick run waits for one: for set-up scripts and the judge's own timing tests. Returns (problem,
    part, cases) per bank."""
    from judge import problems

    built = []
    for name in names or problems.available():
        problem = problems.load(name)
        for part in problem.part_numbers:
            built.append((name, part, len(load(problem.at(part), part))))
    return built


if __name__ == "__main__":  # python -m judge.casebank [PROBLEM ...]
    import sys

    for name, part, count in warm(sys.argv[1:] or None):
        print(f"{name} part {part}: {count} quick cases")
