"""Kattis-style self-test: every problem's sample submissions, in folders named by the verdict they
must get, are judged for real. Adding a problem with samples adds its own test here."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from judge import languages
from judge.judging import Options, judge_file
from judge.models import Verdict

from .conftest import PROBLEMS

# Every language's samples: a file is a sample when its extension belongs to a language judge knows.
SAMPLES = sorted(path for lang in languages.LANGUAGES.values() for ext in lang.extensions
                 for path in PROBLEMS.glob(f"*/submissions/*/*{ext}"))


def _id(path: Path) -> str:
    language = languages.for_path(path)
    suffix = "" if language is languages.DEFAULT else f":{language.name}"
    return f"{path.parts[-4]}:{path.parts[-2]}:{path.stem}{suffix}"


def test_every_problem_has_samples() -> None:
    problems = {p.parent.name for p in PROBLEMS.glob("*/problem.yaml")}
    with_samples = {p.parts[-4] for p in SAMPLES}
    assert problems <= with_samples, f"problems without sample submissions: {problems - with_samples}"
    for name in problems:
        assert (PROBLEMS / name / "submissions" / "accepted").is_dir(), f"{name} has no accepted samples"


@pytest.mark.parametrize("sample", SAMPLES, ids=_id)
def test_sample_gets_its_verdict(sample: Path) -> None:
    expected = Verdict(sample.parent.name)
    # Complexity checks run only where they decide the verdict: accepted (no false alarms) and
    # complexity_failed; a wrong answer is found before them anyway.
    needs_complexity = expected in (Verdict.ACCEPTED, Verdict.COMPLEXITY_FAILED)
    seed = zlib.crc32(sample.name.encode())  # fixed per file, different across files
    report = judge_file(sample.parts[-4], sample, Options(seed=seed, complexity=needs_complexity,
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
