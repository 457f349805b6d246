"""Mutation score of the hidden suites: how many plausible one-line bugs of each reference they catch.

Each file in tests/mutants/<problem>/ is the problem's reference with one small edit (its docstring
says which); tests/mutants/<problem>/part<N>/ holds part N's, judged at that part. Every mutant is
judged in-process (judge.inprocess.InProcessWorker: no sandbox, the same comparison and shrinking
as `judge run`) on seeds 1..N with the part's normal example budget (tests.max_examples).
A mutant is killed when every seed rejects it.

    python scripts/mutants.py                      # every problem, 20 seeds
    python scripts/mutants.py orderbook --seeds 5
    python scripts/mutants.py orderbook --part 2     # one part (default: every part)
    python scripts/mutants.py --generated-only     # without the explicit EXAMPLES: the generator alone
    python scripts/mutants.py --accepted           # also check the reference and accepted samples pass
    python scripts/mutants.py --fast               # stop each run at its first failure (no shrinking)

tests/test_mutants.py imports this module: the figures it prints and the test's are the same.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from judge import problems, protocol  # noqa: E402
from judge.correctness import CaseChecker, CaseFailed, SuiteResult, run_suite  # noqa: E402
from judge.inprocess import InProcessWorker  # noqa: E402
from judge.models import Verdict  # noqa: E402
from judge.problems import Problem  # noqa: E402
from judge.sandbox.base import SandboxFailure  # noqa: E402

MUTANTS = ROOT / "tests" / "mutants"
PROBLEMS = ROOT / "problems"
PROBLEM_NAMES = ["orderbook", "ratelimit", "ema", "liquidation", "wsbatch"]


@dataclass
class Outcome:
    """One file judged on several seeds."""

    path: Path
    verdicts: list[Verdict] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)  # cases run up to and including the first failure
    lengths: list[int] = field(default_factory=list)  # calls in the (shrunk) counterexample
    messages: list[str] = field(default_factory=list)

    @property
    def killed(self) -> bool:
        return bool(self.verdicts) and all(v is not Verdict.ACCEPTED for v in self.verdicts)

    @property
    def passed(self) -> bool:
        return bool(self.verdicts) and all(v is Verdict.ACCEPTED for v in self.verdicts)


def mutants(problem: str, part: int = 1) -> list[Path]:
    folder = MUTANTS / problem if part == 1 else MUTANTS / problem / f"part{part}"
    return sorted(folder.glob("*.py"))


def accepted(problem: str, part: int = 1) -> list[Path]:
    """The part's reference(s) and every Python sample of the part that must be accepted."""
    at = problems.load(problem).at(part)
    refs = [PROBLEMS / problem / r.file for r in at.meta.references if r.file.endswith(".py")]
    return refs + [s.path for s in problems.samples(PROBLEMS, ("accepted",))
                   if s.problem == problem and s.part == part and s.path.suffix == ".py"]


def parts(problem: str) -> list[int]:
    return problems.load(problem).part_numbers


@contextmanager
def without_examples(problem: Problem, enabled: bool) -> Iterator[None]:
    """Blank the suite's explicit EXAMPLES, so that only generated cases can catch a bug."""
    if not enabled:
        yield
        return
    suites = [problem.at(n).suite for n in problem.part_numbers if n <= problem.part]  # a part runs them all
    saved = [suite.EXAMPLES for suite in suites]
    for suite in suites:
        suite.EXAMPLES = {}
    try:
        yield
    finally:
        for suite, examples in zip(suites, saved, strict=True):
            suite.EXAMPLES = examples


class _Hung(BaseException):  # BaseException, and caught by the harness anyway: see TimedWorker
    pass


class TimedWorker(InProcessWorker):
    """The in-process worker with the sandbox's per-call wall limit: a mutant may loop for ever (a
    level left empty at the top of the book, say), which the sandbox would stop as time_limit_exceeded.
    The alarm interrupts the submission; the harness reports that as the call's error, so the flag,
    not the exception, decides: the request fails as a sandbox limit does, and nothing is shrunk."""

    def __init__(self, *args: object, seconds: float = 2.0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.seconds, self.hung = seconds, False

    def request(self, message: dict, timeout: float | None = None, what: str = "") -> dict:
        def alarm(signum: int, frame: object) -> None:
            self.hung = True
            raise _Hung

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            reply = super().request(message, timeout, what)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if self.hung:
            raise SandboxFailure(Verdict.TIME_LIMIT_EXCEEDED, f"a call ran over {self.seconds:g} s", "call_seconds")
        return reply


class FirstFailure:
    """Wraps a worker and compares every case itself, as run_suite does (the same CaseChecker): at
    the first difference it fails the request the way a sandbox limit would, which ends run_suite at
    once, without shrinking. Until that first failure Hypothesis generates exactly what a normal run
    generates, so whether and when a mutant is caught is the same; only the counterexample is not
    minimised. Shrinking is most of the time a caught mutant costs, hence this mode for the test."""

    def __init__(self, problem: Problem, inner: TimedWorker) -> None:
        self.inner, self.checker = inner, CaseChecker(problem, inner)
        self.limits, self.start_seconds, self.output = inner.limits, 0.0, ""

    def request(self, message: dict, timeout: float | None = None, what: str = "") -> dict:
        if message.get("op") == "run":
            try:
                steps = [[name, [protocol.decode_value(a) for a in args]] for name, args in message["steps"]]
                self.checker.check(steps)
            except CaseFailed as failed:
                verdict = Verdict.WRONG_ANSWER if failed.got.ok else Verdict.RUNTIME_ERROR
                raise SandboxFailure(verdict, f"step {failed.index} differs") from None
        return self.inner.request(message, timeout, what)

    def start(self) -> dict:
        return self.inner.start()

    def cpu_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        self.inner.close()


def judge_once(problem: Problem, path: Path, seed: int, max_examples: int | None = None,
               shrink: bool = True) -> SuiteResult:
    examples = max_examples if max_examples is not None else problem.meta.tests.max_examples
    with TimedWorker(path, problem.meta.entry.model_dump()) as worker:
        loaded = worker.start()
        if loaded.get("status") != "ready":  # a mutant that does not even load is a broken mutant
            raise RuntimeError(f"{path} did not load: {loaded}")
        runner = worker if shrink else FirstFailure(problem, worker)
        return run_suite(problem, runner, seed=seed, max_examples=examples, remembered=[])  # type: ignore[arg-type]


def judge_seeds(problem: Problem, path: Path, seeds: list[int], max_examples: int | None = None,
                shrink: bool = True) -> Outcome:
    outcome = Outcome(path)
    for seed in seeds:
        result = judge_once(problem, path, seed, max_examples, shrink)
        outcome.verdicts.append(result.verdict)
        outcome.messages.append(result.message)
        if result.verdict is not Verdict.ACCEPTED:
            outcome.cases.append(result.tests_run)
            if result.counterexample is not None and shrink:
                outcome.lengths.append(result.counterexample.steps)
    return outcome


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):g}" if values else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("problems", nargs="*", default=PROBLEM_NAMES)
    parser.add_argument("--seeds", type=int, default=20, help="judge each mutant on seeds 1..N")
    parser.add_argument("--part", type=int, default=None, help="only this part (default: every part)")
    parser.add_argument("--generated-only", action="store_true", help="leave out the explicit EXAMPLES")
    parser.add_argument("--accepted", action="store_true", help="also judge the references and accepted samples")
    parser.add_argument("--fast", action="store_true", help="stop at the first failure: no counterexample length")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per mutant")
    args = parser.parse_args(argv)
    seeds = list(range(1, args.seeds + 1))
    ok = True
    print(f"{'problem':12} {'mutants':>7} {'killed':>7} {'cases to 1st fail':>18} {'ce length':>9} "
          f"{'seconds':>8}")
    for name, part in [(n, p) for n in args.problems for p in parts(n) if args.part in (None, p)]:
        problem = problems.load(name).at(part)
        began = time.perf_counter()
        with without_examples(problem, args.generated_only):
            outcomes = [judge_seeds(problem, path, seeds, shrink=not args.fast) for path in mutants(name, part)]
            goods = [judge_seeds(problem, path, seeds) for path in accepted(name, part)] if args.accepted else []
        seconds = time.perf_counter() - began
        killed = [o for o in outcomes if o.killed]
        cases = [c for o in outcomes for c in o.cases]
        lengths = [n for o in outcomes for n in o.lengths]
        label = name if part == 1 else f"{name}:{part}"
        print(f"{label:12} {len(outcomes):>7} {len(killed):>7} {_median(cases):>18} {_median(lengths):>9} "
              f"{seconds:>8.1f}")
        for o in outcomes:
            if args.verbose or not o.killed:
                caught = sum(v is not Verdict.ACCEPTED for v in o.verdicts)
                print(f"    {'killed' if o.killed else 'ALIVE '} {o.path.stem:34} caught {caught}/{len(seeds)}, "
                      f"cases {_median(o.cases)} (max {max(o.cases, default=0)}), ce {_median(o.lengths)} "
                      f"(max {max(o.lengths, default=0)})")
        for o in goods:
            if not o.passed:
                print(f"    REJECTED {o.path.name}: {[m for m in o.messages if m][:1]}")
        ok = ok and len(killed) == len(outcomes) and all(o.passed for o in goods)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
