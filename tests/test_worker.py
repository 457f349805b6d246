"""Fast unit tests of the decision code through the Worker seam: no sandbox is started here.

The in-process worker runs the harness code in this process with one JSON round trip per message,
so comparison, the wire encoding, shrinking and the part plumbing are tested in milliseconds.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judge import protocol, values
from judge.inprocess import InProcessWorker
from judge.judging import Options, judge_file
from judge.models import Verdict

from .conftest import PROBLEMS, run_cli

REFERENCE = (PROBLEMS / "orderbook" / "reference.py").read_text()


def _judge(path: Path, problem: str = "orderbook", **options: Any) -> Any:
    return judge_file(problem, path, Options(complexity=False, remember_failures=False, **options),
                      open_worker=InProcessWorker.opener)


# -- comparison -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("expected", "got", "same"), [
    ((1, 2), [1, 2], True),  # a tuple returned as a list is a style, not a mistake
    ([(100, 4)], [[100, 4]], True),
    (0.1 + 0.2, 0.3, True),  # within the float tolerance
    (Decimal("1.5"), 1.5, True),
    (Fraction(1, 3), 1 / 3, True),
    (1, 1.0000001, False),  # ints compare exactly with floats only within the tolerance
    (True, 1, False),  # a bool is not an int
    (None, 0, False),
    (None, [], False),
    ([1, 2], [2, 1], False),
    ({"a": 1}, {"a": 1.0}, True),
    (math.nan, math.nan, True),
    ("x", protocol.Opaque("'x'"), False),  # an object that merely prints like the answer
])
def test_equal_is_lenient_on_style_and_strict_on_meaning(expected: Any, got: Any, same: bool) -> None:
    assert values.equal(expected, got) is same


# -- the wire encoding ------------------------------------------------------------------------------

leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=5),
    st.floats(allow_nan=False), st.decimals(allow_nan=False, allow_infinity=False),
    st.fractions(),
)
wire_values = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=10,
)


@given(wire_values)
def test_values_survive_the_wire_exactly(value: Any) -> None:
    decoded = protocol.decode_value(protocol.encode_value(value))
    assert decoded == value
    assert type(decoded) is type(value)


# -- shrinking, without a sandbox -------------------------------------------------------------------


def test_a_deep_bug_shrinks_to_the_minimal_case(tmp_path: Path) -> None:
    path = tmp_path / "solution.py"
    path.write_text(REFERENCE.replace("if len(out) >= levels:", "if len(out) >= min(levels, 3):"))
    report = _judge(path, seed=7)
    assert report.verdict == Verdict.WRONG_ANSWER
    ce = report.counterexample
    assert ce is not None and ce.steps == 6, ce.code  # new + 4 submits at distinct prices + depth
    assert ce.code.count("ob.submit(") == 4 and "ob.depth(" in ce.code.splitlines()[-1]


def test_the_reference_is_accepted_in_process() -> None:
    report = _judge(PROBLEMS / "orderbook" / "reference.py", seed=3)
    assert report.verdict == Verdict.ACCEPTED, report.message
    assert report.tests_run == report.tests_passed > 100


# -- parts ------------------------------------------------------------------------------------------


def test_options_copies_keep_the_part() -> None:
    options = Options(part=2, seed=5)
    assert options.but(quick=True).part == 2
    assert options.but(quick=True).seed == 5


@pytest.mark.sandbox
def test_a_part_chosen_at_the_cli_reaches_the_suite() -> None:
    fixtures = Path(__file__).parent / "fixtures" / "parts"
    env = {"JUDGE_PROBLEMS_DIR": str(fixtures)}
    part_one_file = str(fixtures / "counter" / "reference.py")
    one = run_cli("run", "counter", part_one_file, "--part", "1", "--quick", env=env, timeout=120)
    two = run_cli("run", "counter", part_one_file, "--part", "2", "--quick", env=env, timeout=120)
    wrong = run_cli("run", "counter", str(fixtures / "counter" / "wrong_undo.py"), "--part", "2", "--quick",
                    env=env, timeout=120)
    assert one.returncode == 0, one.stdout + one.stderr
    assert two.returncode == 1 and "COMPILE ERROR" in two.stdout and "Counter.undo" in two.stdout, two.stdout
    assert wrong.returncode == 1 and "WRONG ANSWER" in wrong.stdout and "c.undo()" in wrong.stdout, wrong.stdout


# -- problem code that fails is contained -----------------------------------------------------------


def test_a_problem_advice_or_equal_that_raises_does_not_cost_the_verdict(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from judge import problems

    suite = problems.load("orderbook").suite

    def broken(*args: Any) -> Any:
        raise TypeError("a bug in the problem package")

    monkeypatch.setattr(suite, "advice", broken, raising=False)
    monkeypatch.setattr(suite, "equal", broken, raising=False)
    path = tmp_path / "solution.py"
    path.write_text(REFERENCE.replace("if len(out) >= levels:", "if len(out) >= min(levels, 3):"))
    report = _judge(path, seed=7)
    assert report.verdict == Verdict.WRONG_ANSWER
    assert report.counterexample is not None and report.counterexample.note is None


def test_a_run_without_a_cgroup_says_its_limits_are_per_process(tmp_path: Path) -> None:
    import subprocess

    from judge.models import Limits
    from judge.runner import Runner
    from judge.sandbox.base import Started
    from judge.sandbox.docker.backend import DockerSandbox
    from judge.sandbox.process import ProcessSandbox
    from judge.submission import Submission

    path = tmp_path / "x.py"
    path.write_text("pass\n")
    process = subprocess.Popen(["true"])
    process.wait()
    runner = Runner(ProcessSandbox(), Submission.read(path), Limits(memory_mb=256), {})
    runner._started = Started(process=process, solution_path=str(path))  # as if started with no cgroup
    assert runner.notes() and "per process" in runner.notes()[0] and "256 MB" in runner.notes()[0]
    assert DockerSandbox().whole_run_limits(runner._started)  # the container's cgroups: whole run
    runner.close()
