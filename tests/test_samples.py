"""Kattis-style self-test: every problem's sample submissions, in folders named by the verdict they
must get, are judged for real. Adding a problem with samples adds its own test here."""

from __future__ import annotations

import re
import zlib

import pytest

from judge import problems
from judge.judging import Options, judge_file
from judge.models import Verdict

from .conftest import PROBLEMS

# Every language's samples, every part's: a file is a sample when its extension belongs to a language
# judge knows; its folder names the verdict (and submissions/part<N>/ the part).
SAMPLES = problems.samples(PROBLEMS)


def test_every_problem_and_part_has_accepted_samples() -> None:
    for name in sorted(p.parent.name for p in PROBLEMS.glob("*/problem.yaml")):
        for part in problems.load(name).part_numbers:
            mine = {s.expected for s in SAMPLES if s.problem == name and s.part == part}
            assert "accepted" in mine, f"{name} part {part} has no accepted samples"
            assert len(mine) >= 3, f"{name} part {part} has samples of too few verdicts: {sorted(mine)}"


@pytest.mark.parametrize("found", SAMPLES, ids=lambda s: s.id)
def test_sample_gets_its_verdict(found: problems.Sample) -> None:
    sample, expected = found.path, Verdict(found.expected)
    # Complexity checks run only where they decide the verdict: accepted (no false alarms) and
    # complexity_failed; a wrong answer is found before them anyway.
    needs_complexity = expected in (Verdict.ACCEPTED, Verdict.COMPLEXITY_FAILED)
    seed = zlib.crc32(sample.name.encode())  # fixed per file, different across files
    report = judge_file(found.problem, sample, Options(seed=seed, complexity=needs_complexity, part=found.part,
                                                       remember_failures=False))
    detail = f"{report.message}\n{report.counterexample}\n{report.complexity}\n{report.stderr[-2000:]}"
    assert report.verdict == expected, detail
    if expected in (Verdict.WRONG_ANSWER, Verdict.RUNTIME_ERROR) and report.counterexample:
        # The counterexample is small enough to read: minimal cases here are a handful of calls,
        # unless the sample says its bug needs more ("judge-test: counterexample up to N calls").
        declared = re.search(r"judge-test: counterexample up to (\d+) calls", sample.read_text())
        assert report.counterexample.steps <= (int(declared.group(1)) if declared else 12), detail
    if expected == Verdict.ACCEPTED:
        assert report.tests_run == report.tests_passed > 0
        assert all(row.passed for row in report.complexity), detail
