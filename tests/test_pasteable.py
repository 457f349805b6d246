"""Every counterexample runs as pasted under the user's code (issue 12): each wrong_answer and
runtime_error sample's case, appended to the sample and run with python, reproduces the failure:
the wrong value is printed, the error is raised. The samples are judged in-process (fast); they are
the judge's own files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from judge import problems
from judge.inprocess import InProcessWorker
from judge.judging import Options, judge_file
from judge.models import Verdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [s for s in problems.samples(ROOT / "problems", ("wrong_answer", "runtime_error")) if s.path.suffix == ".py"]


def _judge(problem: str, path: Path, part: int = 1) -> object:
    return judge_file(problem, path, Options(seed=1, quick=True, part=part, remember_failures=False),
                      open_worker=InProcessWorker.opener)


@pytest.mark.parametrize("found", SAMPLES, ids=lambda s: s.id)
def test_pasted_case_reproduces_the_failure(found: problems.Sample, tmp_path: Path) -> None:
    sample = found.path
    report = _judge(found.problem, sample, found.part)
    ce = report.counterexample  # type: ignore[attr-defined]
    assert ce is not None and ce.steps > 0, report
    pasted = tmp_path / sample.name
    pasted.write_text(sample.read_text(encoding="utf-8") + "\n\n" + ce.code + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(pasted)], capture_output=True, text=True, timeout=60,
                         cwd=tmp_path)
    if report.verdict is Verdict.RUNTIME_ERROR:  # type: ignore[attr-defined]
        error_type = ce.got.split(":")[0]
        assert run.returncode != 0 and error_type in run.stderr, run.stderr[-2000:]
        assert "NameError" not in run.stderr or error_type == "NameError", run.stderr[-2000:]
        return
    assert run.returncode == 0, run.stderr[-2000:]
    namespace = {"Decimal": Decimal, "Fraction": Fraction}
    printed = run.stdout.strip().splitlines()[-1]
    assert eval(printed, namespace) == eval(ce.got, namespace)  # the wrong value, as the judge got it
    assert ce.expected != ce.got


def test_shrunk_case_is_renumbered_where_the_suite_says_how(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    problems = tmp_path / "problems"
    # Another name: the suite module is cached per problem name in this process
    shutil.copytree(ROOT / "problems" / "orderbook", problems / "renumbered",
                    ignore=shutil.ignore_patterns("__pycache__"))
    suite = problems / "renumbered" / "suite.py"
    suite.write_text(suite.read_text() + '''

def renumber(steps):
    ids = {}
    for step in steps:
        if step[0] == "submit":
            ids.setdefault(step[1][0], len(ids) + 1)
    out = []
    for name, args in steps:
        if name in ("submit", "cancel") and args and args[0] in ids:
            args = [ids[args[0]], *args[1:]]
        out.append([name, args])
    return out
''')
    monkeypatch.setenv("JUDGE_PROBLEMS_DIR", str(problems))
    sample = problems / "renumbered" / "submissions" / "wrong_answer" / "lifo_in_level.py"
    report = _judge("renumbered", sample)
    code = report.counterexample.code  # type: ignore[attr-defined]
    first_submit = next(line for line in code.splitlines() if ".submit(" in line)
    assert "submit(1," in first_submit, code
    assert "submit(5," not in code, code
