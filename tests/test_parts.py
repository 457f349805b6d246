"""Progressive parts: one file grows, part N keeps every earlier part's cases, and each part's
reference answers the earlier parts' cases exactly as the earlier reference does.

The machinery is tested on a tiny fixture package (tests/fixtures/parts/counter); the self-check
runs over every real problem that has parts, so adding a part adds its own check here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from judge import problems
from judge.correctness import ReferenceRunner
from judge.errors import BadProblemPackage, UnknownProblem
from judge.inprocess import InProcessWorker
from judge.judging import Options, judge_file
from judge.models import Verdict
from judge.problem_meta import validate_meta

from .conftest import PROBLEMS

FIXTURES = Path(__file__).parent / "fixtures" / "parts"
COUNTER = FIXTURES / "counter"


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> problems.Problem:
    monkeypatch.setenv("JUDGE_PROBLEMS_DIR", str(FIXTURES))
    return problems.load("counter")


def _judge(path: Path, part: int) -> Verdict:
    report = judge_file("counter", path, Options(part=part, seed=7, remember_failures=False),
                        open_worker=InProcessWorker.opener)
    return report.verdict


def test_a_part_is_a_problem_of_its_own(counter: problems.Problem) -> None:
    two = counter.at(2)
    assert counter.part_numbers == [1, 2]
    assert two.meta.entry.methods == ["add", "total", "undo"]
    assert [c.name for c in two.meta.entry.classes] == ["Pair"]
    assert two.meta.references[0].file == "reference2.py"
    assert "undo()" in two.spec and "undo" not in counter.spec
    assert counter.at(2).at(1).meta.entry.methods == ["add", "total"]
    with pytest.raises(UnknownProblem, match="has no part 3; its parts: 1, 2"):
        counter.at(3)


def test_part_two_keeps_part_one_examples_after_its_own(counter: problems.Problem) -> None:
    names = list(counter.at(2).examples())
    assert names == ["undo twice", "pair", "part 1: adds"]
    assert list(counter.examples()) == ["adds"]


def test_the_file_grows(counter: problems.Problem) -> None:
    assert _judge(COUNTER / "reference.py", 1) is Verdict.ACCEPTED
    assert _judge(COUNTER / "reference2.py", 1) is Verdict.ACCEPTED  # a grown file still passes part 1
    assert _judge(COUNTER / "reference2.py", 2) is Verdict.ACCEPTED
    assert _judge(COUNTER / "wrong_undo.py", 2) is Verdict.WRONG_ANSWER


def test_a_part_one_file_fails_part_two_fast_naming_the_first_missing_method(counter: problems.Problem) -> None:
    report = judge_file("counter", COUNTER / "reference.py", Options(part=2, seed=1, remember_failures=False),
                        open_worker=InProcessWorker.opener)
    assert report.verdict is Verdict.COMPILE_ERROR
    assert "Counter.undo" in report.message
    assert report.tests_run == 0


def test_part_numbers_are_checked(tmp_path: Path) -> None:
    raw = {"title": "t", "difficulty": "easy", "summary": "s", "entry": {"kind": "class", "name": "C"},
           "references": [{"file": "r.py"}],
           "parts": [{"n": 3, "title": "x", "spec": "p.md", "suite": "s.py", "reference": "r3.py"}]}
    with pytest.raises(BadProblemPackage, match="numbered 2, 3"):
        validate_meta(tmp_path / "problem.yaml", raw)
    raw["parts"] = [{"n": 2, "title": "x", "spec": "p.md", "suite": "s.py"}]
    with pytest.raises(BadProblemPackage, match="needs 'references'"):
        validate_meta(tmp_path / "problem.yaml", raw)


# -- every real problem with parts ------------------------------------------------------------------

WITH_PARTS = [(name, n) for name in sorted(p.parent.name for p in PROBLEMS.glob("*/problem.yaml"))
              for n in problems.load(name).part_numbers if n > 1]


def _earlier_agree(problem: problems.Problem, part: int, steps: list[list[object]]) -> None:
    now = ReferenceRunner(problem.at(part), problem.at(part).reference())
    before = ReferenceRunner(problem.at(part - 1), problem.at(part - 1).reference())
    assert now.run(steps) == before.run(steps), steps


@pytest.mark.parametrize(("name", "part"), WITH_PARTS, ids=[f"{n}:part{p}" for n, p in WITH_PARTS])
def test_each_reference_answers_earlier_cases_like_the_earlier_reference(name: str, part: int) -> None:
    problem = problems.load(name)
    earlier = problem.at(part - 1)
    for steps in earlier.examples().values():
        _earlier_agree(problem, part, steps)

    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(earlier.cases())
    def agree(steps: list[list[object]]) -> None:
        _earlier_agree(problem, part, steps)

    agree()


@pytest.mark.parametrize(("name", "part"), WITH_PARTS, ids=[f"{n}:part{p}" for n, p in WITH_PARTS])
def test_each_part_has_its_own_spec_examples_and_new_names(name: str, part: int) -> None:
    problem = problems.load(name)
    this, before = problem.at(part), problem.at(part - 1)
    assert this.spec.strip() and this.spec != before.spec
    own = this._own_examples()
    assert len(own) >= 3, "a part's suite names its edge cases as EXAMPLES"
    grew = (set(this.meta.entry.methods) - set(before.meta.entry.methods)
            or set(this.meta.entry.functions) - set(before.meta.entry.functions)
            or {(c.name, m) for c in this.meta.entry.classes for m in c.methods}
            - {(c.name, m) for c in before.meta.entry.classes for m in c.methods})
    assert grew, "a part adds to the entry"
    for steps in own.values():  # the reference itself answers its own examples (a suite bug raises)
        ReferenceRunner(this, this.reference()).run(steps)


# -- unlocking, as the interview formats open levels ---------------------------------------------------


def _solve(data: Path, problem: str, part: int, *, full: bool = True) -> None:
    from judge import history
    from judge.records import Attempt

    with history.Store.open(data) as store:
        store.record(Attempt(created_at=history.now(), problem=problem, part=part, verdict=Verdict.ACCEPTED,
                             seconds=1.0, sandbox="bwrap", full=full, code_sha256="0" * 64, code="pass\n"))


def test_show_opens_a_part_once_the_previous_one_is_solved_by_a_full_run(tmp_path: Path) -> None:
    from .conftest import run_cli

    env = {"JUDGE_PROBLEMS_DIR": str(FIXTURES), "JUDGE_DATA_DIR": str(tmp_path)}
    locked = run_cli("show", "counter", "--part", "2", env=env)
    assert locked.returncode == 2 and "opens when part 1 is accepted by a full run" in locked.stderr
    assert "--peek" in locked.stderr and "undo" not in locked.stdout
    peek = run_cli("show", "counter", "--part", "2", "--peek", env=env)
    assert peek.returncode == 0 and "undo()" in peek.stdout and "peeking" in peek.stderr
    _solve(tmp_path, "counter", 1, full=False)  # a quick pass does not open the next part
    assert run_cli("show", "counter", "--part", "2", env=env).returncode == 2
    _solve(tmp_path, "counter", 1)
    opened = run_cli("show", "counter", "--part", "2", env=env)
    assert opened.returncode == 0 and "undo()" in opened.stdout and "part 2 of 2" in opened.stdout
    missing = run_cli("show", "counter", "--part", "3", env=env)
    assert missing.returncode == 2 and "has no part 3; its parts: 1, 2" in missing.stderr


def test_list_shows_each_part_and_which_are_solved(tmp_path: Path) -> None:
    import json

    from .conftest import run_cli

    env = {"JUDGE_PROBLEMS_DIR": str(FIXTURES), "JUDGE_DATA_DIR": str(tmp_path)}
    _solve(tmp_path, "counter", 1)
    listed = json.loads(run_cli("list", "--json", env=env).stdout)
    assert listed[0]["parts"] == [{"part": 1, "title": "add and total", "solved": True},
                                  {"part": 2, "title": "undo, and a second class", "solved": False}]
    assert "1✓ 2" in run_cli("list", env=env).stdout


# -- progressive mock sessions ------------------------------------------------------------------------

TEMPLATES = Path(__file__).parent / "fixtures" / "parts-templates"


@pytest.fixture
def parts_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    env = {"JUDGE_PROBLEMS_DIR": str(FIXTURES), "JUDGE_TEMPLATES_DIR": str(TEMPLATES),
           "JUDGE_DATA_DIR": str(tmp_path / "data")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.mark.sandbox
def test_a_progressive_session_opens_each_part_on_a_full_accept(parts_env: dict[str, str], tmp_path: Path) -> None:
    """Without the dashboard: `judge run` in the folder judges the part reached, and a full accept
    writes the next part's spec into the folder; the report gives each part's time to accepted."""
    import json

    from .conftest import run_cli

    folder = tmp_path / "session"
    started = run_cli("mock", "start", "--progressive", "--dir", str(folder), "--json", env=parts_env)
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["session"]["minutes"] == 90  # the progressive default
    (folder / "counter.py").write_text((COUNTER / "reference.py").read_text())  # part 1 only
    first = run_cli("run", "counter", "counter.py", cwd=folder, env=parts_env)
    assert first.returncode == 0 and "part 2 is open" in first.stdout + first.stderr
    assert "undo()" in (folder / "counter.part2.spec.md").read_text()
    stale = run_cli("run", "counter", "counter.py", cwd=folder, env=parts_env)  # now judged at part 2
    assert stale.returncode == 1 and "Counter.undo" in stale.stdout
    (folder / "counter.py").write_text((COUNTER / "reference2.py").read_text())
    assert run_cli("run", "counter", "counter.py", cwd=folder, env=parts_env).returncode == 0
    ended = run_cli("mock", "end", "--json", cwd=folder, env=parts_env)
    report = json.loads(ended.stdout)
    result = report["results"][0]
    assert result["part"] == 2 and result["parts"] == 2 and result["final_verdict"] == "accepted"
    assert set(result["part_seconds"]) == {"1", "2"}
    text = run_cli("mock", "report", cwd=folder, env=parts_env).stdout
    assert "part 1 accepted at" in text and "part 2 accepted at" in text


@pytest.mark.sandbox
def test_the_live_session_moves_to_the_next_part(parts_env: dict[str, str], tmp_path: Path) -> None:
    from judge import history, sessions
    from judge.judging import Options

    with history.Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["counter"], folder=tmp_path / "live", progressive=True)
        live = sessions.LiveSession(store, started.session, Options(quick=True))
        assert live.problems["counter"].part == 1 and live.problems["counter"].parts == 2
        started.files["counter"].write_text((COUNTER / "reference2.py").read_text())
        report = live.judge("counter")
        assert report.verdict is Verdict.ACCEPTED and not report.quick  # the quick pass got a full judge
        assert live.problems["counter"].part == 2 and "part 2" in live.news
        assert (tmp_path / "live" / "counter.part2.spec.md").is_file()
        assert live.judge("counter").part == 2


def test_a_progressive_session_needs_one_problem_with_parts(parts_env: dict[str, str], tmp_path: Path) -> None:
    from judge import history, sessions
    from judge.errors import JudgeError

    with history.Store.open(tmp_path / "data") as store, pytest.raises(JudgeError, match="one problem"):
        sessions.start(store, problem_names=["counter", "counter2"], progressive=True, folder=tmp_path / "x")


@pytest.mark.sandbox
def test_the_dashboard_prints_the_opened_part_s_spec_and_shows_the_part(parts_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    import os

    from rich.console import Console

    from judge import dashboard, history, sessions
    from judge.judging import Options

    with history.Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["counter"], folder=tmp_path / "live", progressive=True)
        live = sessions.LiveSession(store, started.session, Options(quick=True))
        started.files["counter"].write_text((COUNTER / "reference2.py").read_text())  # a save: judged
        read, write = os.pipe()
        os.write(write, b"q\n")  # then end the session
        console = Console(record=True, width=100, color_system=None, force_terminal=True)
        with os.fdopen(read) as stdin:
            report = dashboard.run(live, console, stdin)
        os.close(write)
    text = console.export_text()
    assert "undo() -> bool" in text  # part 2's spec, printed when part 1 was accepted
    assert "part 1 accepted: part 2" in text
    result = report.results[0]
    assert result.part == 2 and result.final_verdict is Verdict.ACCEPTED and set(result.part_seconds) == {1}


def test_a_javascript_session_writes_javascript_stubs_and_specs(tmp_path: Path) -> None:
    from judge import history, sessions

    with history.Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["orderbook"], folder=tmp_path / "js", language="javascript")
        assert started.files["orderbook"].name == "orderbook.js"
        assert "class OrderBook" in started.files["orderbook"].read_text()
        spec = started.specs["orderbook"].read_text()
        assert "```javascript" in spec and "```python" not in spec
        assert sessions.session_file(store.session(started.session.id) or started.session, "orderbook").suffix == ".js"


def test_compare_unlocks_each_part_by_its_own_accepted_run(tmp_path: Path) -> None:
    from judge import compare, history
    from judge.errors import CompareLocked

    _solve(tmp_path, "counter", 1)
    with history.Store.open(tmp_path) as store:
        assert compare.unlocked_by(store, "counter", 1) is not None
        assert compare.unlocked_by(store, "counter", 2) is None
        with pytest.raises(CompareLocked, match="--part 2"):
            compare.check_unlocked(store, "counter", False, 2)
    _solve(tmp_path, "counter", 2)
    with history.Store.open(tmp_path) as store:
        assert compare.unlocked_by(store, "counter", 2) is not None


@pytest.mark.sandbox
def test_compare_at_a_part_measures_that_part_s_references(counter: problems.Problem) -> None:
    from judge import compare
    from judge.judging import Options

    result = compare.compare("counter", COUNTER / "reference2.py", "mine", unlocked="--spoil",
                             options=Options(part=2, seed=3))
    assert result.part == 2 and [r.file for r in result.references] == ["problems/counter/reference2.py"]
    assert result.yours.verdict is Verdict.ACCEPTED


def test_run_suite_judges_the_part_it_is_given(counter: problems.Problem) -> None:
    """A part's problem judged without naming the part again must still be that part: the mutation
    script once ran part 1's cases for every part's mutants, so all of them looked alive."""
    from judge.correctness import run_suite

    with InProcessWorker(COUNTER / "wrong_undo.py", counter.at(2).meta.entry.model_dump()) as worker:
        assert worker.start()["status"] == "ready"
        result = run_suite(counter.at(2), worker, seed=1, max_examples=30, remembered=[])
    assert result.verdict is Verdict.WRONG_ANSWER and "undo" in result.message


def test_a_part_draws_mostly_its_own_cases(counter: problems.Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    from hypothesis import strategies as st

    def tagged(self: problems.Problem) -> object:  # each part's cases, told apart by their first call
        return st.integers(0, 10**6).map(lambda i, part=self.part: [[f"part{part}", [i]]])

    monkeypatch.setattr(problems.Problem, "_own_cases", tagged)
    drawn = {"part1": 0, "part2": 0}

    @settings(max_examples=300, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(counter.at(2).cases())
    def tally(steps: list[list[object]]) -> None:
        drawn[str(steps[0][0])] += 1

    tally()
    assert drawn["part2"] > 2 * drawn["part1"], drawn  # three shares to one
