"""The quick run's case bank: built once, keyed by the files it comes from, picked by seed, and judged
with the same verdicts and minimal counterexamples as the cases it stands in for. In-process (the
decision code through InProcessWorker): no sandbox is started here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from judge import casebank, problems
from judge.correctness import CaseFailed, ReferenceRunner, minimize
from judge.inprocess import InProcessWorker
from judge.judging import Options, judge_file
from judge.models import StepResult, Verdict
from judge.suite import Step

from .conftest import PROBLEMS

REFERENCE = (PROBLEMS / "orderbook" / "reference.py").read_text()


def _buggy(tmp_path: Path, old: str, new: str) -> Path:
    assert old in REFERENCE
    path = tmp_path / "solution.py"
    path.write_text(REFERENCE.replace(old, new))
    return path


def _judge(path: Path, problem: str = "orderbook", **options: Any) -> Any:
    return judge_file(problem, path, Options(complexity=False, remember_failures=False, **options),
                      open_worker=InProcessWorker.opener)


def _copy(problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "problems"
    shutil.copytree(PROBLEMS / problem, root / problem, ignore=shutil.ignore_patterns("submissions"))
    monkeypatch.setenv("JUDGE_PROBLEMS_DIR", str(root))
    return root / problem


def test_a_bank_is_the_same_every_time_it_is_built() -> None:
    problem = problems.load("ratelimit")
    digest = casebank.key(problem, 1, 30)
    first = casebank.build(problem, 1, 30, digest)
    assert first == casebank.build(problem, 1, 30, digest)
    bank = casebank._parse(first, digest)
    assert bank is not None and 20 <= len(bank) <= 30  # duplicates drawn twice are kept once
    assert [name for name, _ in bank.examples] == list(problem.examples(1))


@pytest.mark.parametrize("edited", ["reference.py", "suite.py", "problem.yaml"])
def test_editing_the_problem_gives_a_new_bank(edited: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy("ema", tmp_path, monkeypatch)
    before = casebank.key(problems.load("ema"), 1, 50)
    with (folder / edited).open("a") as f:
        f.write("\n# edited\n")
    assert casebank.key(problems.load("ema"), 1, 50) != before
    assert casebank.key(problems.load("ema").at(1), 2, 50) != casebank.key(problems.load("ema"), 1, 50)


def test_stored_answers_are_the_references() -> None:
    problem = problems.load("orderbook")
    bank = casebank.load(problem, 1)
    reference = ReferenceRunner(problem)
    for index in range(0, len(bank), 7):
        case = bank.case(index)
        assert reference.run(case.steps) == case.expected
    for name, case in bank.examples:
        assert case.steps == problem.examples(1)[name]
        assert reference.run(case.steps) == case.expected


def test_the_seed_picks_the_cases_shortest_first() -> None:
    bank = casebank.load(problems.load("orderbook"), 1)
    one = [i for i, _ in bank.pick(1, 60)]
    assert one == [i for i, _ in bank.pick(1, 60)]
    assert set(one) != {i for i, _ in bank.pick(2, 60)}
    assert len(one) == len(set(one)) == 60
    lengths = [len(case.steps) for _, case in bank.pick(1, 60)]
    assert lengths == sorted(lengths)
    assert len(bank.pick(1, 10_000)) == len(bank)


def test_a_damaged_bank_is_built_again() -> None:
    problem = problems.load("wsbatch")
    bank = casebank.load(problem, 1)
    path = casebank.bank_dir() / f"wsbatch.part1.{casebank.key(problem, 1, casebank.bank_size(problem))}.jsonl"
    assert path.is_file()
    path.write_text(path.read_text()[:5000])  # cut mid-way, as a full disk would
    again = casebank.load(problem, 1)
    assert len(again) == len(bank)
    assert again.case(len(bank) - 1) == bank.case(len(bank) - 1)


def test_a_quick_run_shrinks_a_generated_failure_to_the_minimal_case(tmp_path: Path) -> None:
    # depth() drops the fourth level: no explicit example has four levels, so only a generated case
    # finds it; the minimal case is new + 4 submits at distinct prices + the depth call, as Hypothesis
    # shrinks it in a full run (tests/test_shrinking.py).
    path = _buggy(tmp_path, "if len(out) >= levels:", "if len(out) >= min(levels, 3):")
    found = 0
    for seed in range(1, 6):
        report = _judge(path, seed=seed, quick=True)
        if report.verdict is Verdict.ACCEPTED:  # a seed may pick no case with four levels
            continue
        found += 1
        assert report.verdict is Verdict.WRONG_ANSWER
        assert "quick cases, picked by seed" in report.message
        ce = report.counterexample
        assert ce is not None and ce.steps == 6, ce.code
        lines = ce.code.splitlines()
        assert lines[0] == "ob = OrderBook()" and ce.code.count("ob.submit(1,") == 1  # ids renumbered from 1
        assert "ob.depth(" in lines[-1] and "expected" in lines[-1]
    assert found >= 3


@pytest.mark.parametrize("sample", sorted((PROBLEMS).glob("*/submissions/wrong_answer/*.py"))
                         + sorted((PROBLEMS).glob("*/submissions/runtime_error/*.py")),
                         ids=lambda p: f"{p.parts[-4]}/{p.name}")
def test_quick_runs_give_the_samples_their_verdicts(sample: Path) -> None:
    problem, verdict = sample.parts[-4], sample.parts[-2]
    report = _judge(sample, problem, seed=1, quick=True)
    assert report.verdict.value == verdict, report.message


# -- minimize: delta debugging over calls ---------------------------------------------------------


class _Problem:
    name = "fake"
    suite = object()  # no renumber


class _Checker:
    """Fails a case when it still holds every call in `needed` (the last one is where it shows)."""

    def __init__(self, needed: set[int]) -> None:
        self.problem, self.needed, self.tries = _Problem(), needed, 0

    def check(self, steps: list[Step], expected: list[Any] | None = None) -> None:
        self.tries += 1
        held = {args[0] for name, args in steps if name == "call"}
        if self.needed <= held:
            index = max(i for i, (name, args) in enumerate(steps) if name == "call" and args[0] in self.needed)
            raise CaseFailed(steps, index, 0, StepResult(ok=True, value=1))


def test_minimize_keeps_exactly_the_calls_a_failure_needs_in_few_tries() -> None:
    steps: list[Step] = [["new", []], *[["call", [i]] for i in range(120)]]
    checker = _Checker({7, 55, 90})
    failed = CaseFailed(steps, 91, 0, StepResult(ok=True, value=1))
    smaller = minimize(checker, failed)  # type: ignore[arg-type]
    assert smaller.steps[: smaller.index + 1] == [["new", []], ["call", [7]], ["call", [55]], ["call", [90]]]
    assert checker.tries <= 60, checker.tries  # one call at a time from the back would take hundreds


def test_minimize_keeps_a_failure_of_the_same_kind() -> None:
    """A smaller case that fails differently (raises where the original returned a wrong value) is a
    different bug: the original's calls stay."""

    class Raises(_Checker):
        def check(self, steps: list[Step], expected: list[Any] | None = None) -> None:
            self.tries += 1
            if len(steps) < 4:
                raise CaseFailed(steps, len(steps) - 1, 0, StepResult(ok=False, error_type="KeyError"))
            raise CaseFailed(steps, len(steps) - 1, 0, StepResult(ok=True, value=1))

    steps: list[Step] = [["new", []], *[["call", [i]] for i in range(10)]]
    smaller = minimize(Raises(set()), CaseFailed(steps, 10, 0, StepResult(ok=True, value=1)))  # type: ignore[arg-type]
    assert smaller.index + 1 == 4 and smaller.got.ok


def test_a_failure_with_decimal_arguments_is_remembered() -> None:
    """Remembered failures run first, in quick runs too; liquidation's cases hold Decimals, which plain
    JSON refused, so its failures were never remembered."""
    from decimal import Decimal

    from judge import failcache

    steps: list[Step] = [["liquidation_price", ["long", Decimal("3000.5"), Decimal("0.25"), 10, Decimal("0.005")]]]
    failcache.remember("liquidation", steps)
    failcache.remember("liquidation", [["bankruptcy_price", ["short", Decimal("1"), Decimal("2"), 5]]])
    recalled = failcache.recall("liquidation")
    assert recalled[1] == steps and type(recalled[1][0][1][1]) is Decimal
    assert len(recalled) == 2
