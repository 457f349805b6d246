"""Every starter stub, judged exactly as `judge start` writes it, gets a clean verdict that says what to
do next; and no problem's `advice` or `equal` can raise, whatever the submission returned."""

from __future__ import annotations

import math
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from judge import problems
from judge.judging import Options, judge_file
from judge.models import Verdict
from judge.protocol import Opaque
from judge.suite import Step

from .conftest import PROBLEMS

NAMES = sorted(p.parent.name for p in PROBLEMS.glob("*/problem.yaml"))


def _started(name: str, folder: Path) -> Path:
    """The file `judge start NAME` writes: a byte-for-byte copy of the problem's template."""
    problem = problems.load(name)
    target = folder / f"{name}.py"
    shutil.copyfile(problem.template_path(), target)
    return target


@pytest.mark.parametrize("name", NAMES)
def test_every_problem_has_a_template(name: str) -> None:
    assert problems.load(name).template_path().is_file()


@pytest.mark.parametrize("name", NAMES)
def test_the_starter_stub_gets_a_verdict_that_says_what_to_write(name: str, tmp_path: Path) -> None:
    problem = problems.load(name)
    report = judge_file(name, _started(name, tmp_path), Options(quick=True, remember_failures=False, seed=1))
    detail = f"{report.verdict}: {report.message}\n{report.counterexample}"
    assert report.verdict is Verdict.RUNTIME_ERROR, detail
    assert "NotImplementedError" in report.message, detail
    ce = report.counterexample
    assert ce is not None and ce.steps == 1, detail  # the very first call is the one to write
    entry = problem.meta.entry
    if entry.kind == "class":
        # The constructor fails first: the call shown builds the class, and the hint says __init__.
        assert ce.call.startswith(f"{entry.instance} = {entry.name}("), detail
        assert ce.note is not None and "__init__" in ce.note, detail
    else:
        assert ce.call.split("(")[0] in entry.functions, detail
        assert ce.note is not None and "NotImplementedError" in ce.note, detail


def _method_stub(name: str, folder: Path) -> Path | None:
    """The reference with one method put back to the stub's `raise NotImplementedError`: a user halfway
    through. None for function problems (the template test covers them)."""
    problem = problems.load(name)
    entry = problem.meta.entry
    if entry.kind != "class":
        return None
    method = entry.methods[-1]
    text = (PROBLEMS / name / problem.meta.references[0].file).read_text()
    marker = f"    def {method}("
    head, tail = text.split(marker, 1)
    signature, rest = tail.split("\n", 1)
    # drop the body: every following line indented deeper than the def
    lines = rest.split("\n")
    keep = 0
    while keep < len(lines) and (lines[keep].startswith("        ") or not lines[keep].strip()):
        keep += 1
    body = "        raise NotImplementedError\n"
    path = folder / f"{name}.py"
    path.write_text(head + marker + signature + "\n" + body + "\n".join(lines[keep:]))
    return path


@pytest.mark.parametrize("name", NAMES)
def test_a_method_left_to_write_is_named(name: str, tmp_path: Path) -> None:
    path = _method_stub(name, tmp_path)
    if path is None:
        pytest.skip("a function problem: the template test covers it")
    method = problems.load(name).meta.entry.methods[-1]
    report = judge_file(name, path, Options(quick=True, remember_failures=False, seed=2, sandbox="process"))
    detail = f"{report.verdict}: {report.message}\n{report.counterexample}"
    assert report.verdict is Verdict.RUNTIME_ERROR, detail
    assert f".{method}(" in report.message and "NotImplementedError" in report.message, detail


# Whatever a submission can hand back through the wire, and what the judge passes for a raise (None).
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 10**30, 0.0, -0.0, math.inf, -math.inf, math.nan, Decimal("NaN"), Decimal("sNaN"),
    Decimal("-Infinity"), Decimal("1E+999999"), Fraction(1, 3), "", "x", b"x", [], (), {}, [[]], [None],
    [(1,)], [(1, 2, 3)], [(None, None)], [("a", "b")], [[1, [None]]], {"a": 1}, {1: [2]}, [1, 2, 3],
    Opaque("<object>", "object"), [Opaque("<object>", "object")],
]


@pytest.mark.parametrize("name", NAMES)
def test_advice_and_equal_never_raise(name: str) -> None:
    problem = problems.load(name)
    suite = problem.suite
    advice = getattr(suite, "advice", None)
    equal = getattr(suite, "equal", None)
    reference = problem.reference()
    for steps in suite.EXAMPLES.values():  # every kind of call, at every position
        expected = _expected(problem, reference, steps)
        for index in range(len(steps)):
            for got in [*ODD_VALUES, expected[index]]:
                if advice is not None:
                    note = advice(steps, index, expected[index], got)
                    assert note is None or isinstance(note, str)
                    # a failing constructor has no expected value: the judge passes None for it
                    note = advice(steps, index, None, got)
                    assert note is None or isinstance(note, str)
                if equal is not None and steps[index][0] != "new":
                    assert isinstance(equal(steps[index], expected[index], got, problem.meta.tests), bool)


def _expected(problem: problems.Problem, reference: Any, steps: list[Step]) -> list[Any]:
    from judge.correctness import ReferenceRunner

    return ReferenceRunner(problem, reference).run(steps)
