"""Mutation test of the hidden suites: every plausible one-line bug in tests/mutants/<problem>/ is caught
on each of 20 seeds within the problem's normal example budget, and no correct solution is rejected
on those seeds (the first 3 of them by default: see ACCEPTED_SEEDS).

Judged in-process (scripts/mutants.py: InProcessWorker with a per-call alarm, the real run_suite).
A mutant's runs stop at its first failure, without shrinking: until that failure Hypothesis draws
exactly what a normal run draws, so caught-or-not is the same, and shrinking is most of the cost.
The explicit EXAMPLES are left out for the mutants, so that the generator alone must catch each bug
(a normal run, which tries the EXAMPLES first, can only catch more). Slow: minutes of CPU in all,
hence `slow`; `python scripts/mutants.py` prints the kill rate per problem.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from judge import problems
from judge.models import Verdict

from .conftest import ROOT

SEEDS = list(range(1, int(os.environ.get("JUDGE_MUTANT_SEEDS", "20")) + 1))
# A correct solution costs the whole budget on every seed (1-2 s of CPU per run, ~30 files): the
# first 3 of the same seeds by default (test_samples.py judges each once more, in the sandbox);
# JUDGE_ACCEPTED_SEEDS=20 for all of them, as `python scripts/mutants.py --accepted` does.
ACCEPTED_SEEDS = SEEDS[: int(os.environ.get("JUDGE_ACCEPTED_SEEDS", "3"))]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutants_script", ROOT / "scripts" / "mutants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


M = _load_script()
NAMES = M.PROBLEM_NAMES
PARTS = [(name, part) for name in NAMES for part in M.parts(name)]
IDS = [name if part == 1 else f"{name}:part{part}" for name, part in PARTS]


def test_every_problem_and_part_has_ten_mutants() -> None:
    for name, part in PARTS:
        assert len(M.mutants(name, part)) >= 10, (name, part)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "part"), PARTS, ids=IDS)
def test_every_mutant_is_caught_on_every_seed(name: str, part: int) -> None:
    problem = problems.load(name).at(part)
    alive = []
    with M.without_examples(problem, True):
        for path in M.mutants(name, part):
            outcome = M.judge_seeds(problem, path, SEEDS, shrink=False)
            if not outcome.killed:
                caught = sum(v is not Verdict.ACCEPTED for v in outcome.verdicts)
                alive.append(f"{path.stem}: caught on {caught}/{len(SEEDS)} seeds")
    assert not alive, alive


@pytest.mark.slow
@pytest.mark.parametrize(("name", "part"), PARTS, ids=IDS)
def test_correct_solutions_pass_on_the_same_seeds(name: str, part: int) -> None:
    problem = problems.load(name).at(part)
    rejected = []
    for path in M.accepted(name, part):
        outcome = M.judge_seeds(problem, path, ACCEPTED_SEEDS)
        if not outcome.passed:
            rejected.append(f"{path.name}: {[m for m in outcome.messages if m][:1]}")
    assert not rejected, rejected


def test_the_issue_10_bug_is_caught_by_generated_cases_alone() -> None:
    # The bug that 3,000 cases of the old generator never told apart: a quick, always-run guard.
    problem = problems.load("orderbook")
    path = Path(M.MUTANTS / "orderbook" / "level_total_cancel_original.py")
    with M.without_examples(problem, True):
        result = M.judge_once(problem, path, seed=1)
    assert result.verdict is Verdict.WRONG_ANSWER, result.message
    assert result.counterexample is not None and result.counterexample.steps <= 8, result.counterexample
    assert "cancel" in result.counterexample.code
