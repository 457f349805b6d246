"""`judge compare`: locked until solved, then your solution beside every reference, measured on the
same workload through the sandbox (one real comparison with complexity rows; the rest is cheap)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console

from judge import compare, history, languages, render, sessions
from judge.history import Store
from judge.judging import Options
from judge.models import ComplexityRow, Verdict
from judge.records import Attempt, SessionRecord

from .conftest import PROBLEMS, run_cli

HEAP = PROBLEMS / "orderbook" / "submissions" / "accepted" / "heap_lazy.py"
LIFO = PROBLEMS / "orderbook" / "submissions" / "wrong_answer" / "lifo_in_level.py"


def _solved(data: Path, code: str = "class OrderBook: ...\n", verdict: Verdict = Verdict.ACCEPTED,
            full: bool = True) -> Attempt:
    with Store.open(data) as store:
        attempt = Attempt(created_at=history.now(), problem="orderbook", verdict=verdict, seconds=3.0,
                          sandbox="bwrap", full=full, code_sha256="0" * 64, code=code)
        return store.record(attempt)


@pytest.mark.sandbox
def test_compare_is_locked_until_solved_and_says_how_to_unlock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _solved(data, verdict=Verdict.ACCEPTED, full=False)  # a quick accept does not unlock it
    _solved(data, verdict=Verdict.WRONG_ANSWER)
    result = run_cli("--data-dir", str(data), "compare", "orderbook", str(HEAP))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("judge: error: compare orderbook unlocks after")
    assert "judge run orderbook" in lines[0] and "judge mock" in lines[0] and "--spoil" in lines[0]
    assert result.stdout == ""


@pytest.mark.sandbox
@pytest.mark.slow
def test_compare_after_an_accepted_run_measures_both_sides(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _solved(data)
    result = run_cli("--data-dir", str(data), "compare", "orderbook", str(HEAP), "--seed", "5", "--json")
    assert result.returncode == 0, result.stderr
    c = compare.Comparison.model_validate_json(result.stdout)
    assert c.unlocked_by.startswith("accepted on") and c.seed == 5
    assert c.yours.verdict is Verdict.ACCEPTED and c.yours.file == str(HEAP)
    assert [r.label for r in c.references] == ["sorted map of FIFO levels", "heaps with lazy deletion"]
    assert all(r.verdict is Verdict.ACCEPTED and r.idea and r.stated_complexity for r in c.references)
    assert c.references[1].file.endswith("reference_heap.py")
    # Every check measured on both sides, at the same size, with your cost as a ratio to each reference's.
    assert {op.name for op in c.operations} == {"submit_new_level", "cancel", "best_price"}
    for op in c.operations:
        assert op.yours.observed and op.yours.cost and op.yours.size
        for cell in op.references:
            assert cell.observed and cell.cost and cell.size == op.yours.size
            assert cell.ratio is not None and cell.ratio == round(op.yours.cost / cell.cost, 2)
    assert 40 < c.yours.lines.code < c.yours.lines.total

    # The text view: ideas, the measured table, and the code side by side.
    console = Console(record=True, width=160, color_system=None)
    render.comparison(c, console)
    text = console.export_text()
    assert "reference 1: sorted map of FIFO levels" in text
    assert "reference 2: heaps with lazy deletion" in text
    assert "ref 1" in text and "yours x" in text and "lines of code" in text and "submit_new_level" in text
    assert "yours vs reference 2" in text
    # Your code and the reference's in two columns: both files' first lines share a line of output.
    lines = text.splitlines()
    assert any("Heaps of prices with lazy deletion" in line and "Reference: a heap of prices" in line
               for line in lines)


@pytest.mark.sandbox
def test_an_ended_mock_session_unlocks_compare(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert compare.unlocked_by(store, "orderbook") is None
        began = history.now() - timedelta(minutes=50)
        session = SessionRecord(id="abc123", started_at=began, deadline=began + timedelta(minutes=45),
                                minutes=45, problems=["orderbook"], folder=str(tmp_path / "gone"))
        store.create_session(session)
        assert compare.unlocked_by(store, "orderbook") is None  # still open
        sessions.end(store, session)  # its folder holds no files: nothing to judge
        assert compare.unlocked_by(store, "orderbook") is None  # ended, but nothing of yours was judged
    # A session whose end judged the file you wrote unlocks it
    folder = tmp_path / "mock"
    folder.mkdir()
    shutil.copyfile(LIFO, folder / "orderbook.py")
    with Store.open(tmp_path) as store:
        session = SessionRecord(id="def456", started_at=began, deadline=began + timedelta(minutes=45),
                                minutes=45, problems=["orderbook"], folder=str(folder))
        store.create_session(session)
        sessions.end(store, session, options=Options(sandbox="process", seed=1))
        unlocked = "mock session def456 ended with your orderbook judged"
        assert compare.unlocked_by(store, "orderbook") == unlocked
        assert compare.check_unlocked(store, "orderbook", spoil=False) == unlocked


@pytest.mark.sandbox
def test_an_untouched_stub_is_not_an_attempt(tmp_path: Path) -> None:
    """`judge mock start` then `judge mock end` without editing: no final verdict, compare stays locked."""
    with Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["orderbook"], minutes=45, folder=tmp_path / "mock")
        report = sessions.end(store, started.session, options=Options(sandbox="process", seed=1))
        [result] = report.results
        assert result.final_verdict is None and result.untouched
        assert compare.unlocked_by(store, "orderbook") is None
    assert compare.check_unlocked(None, "orderbook", spoil=True) == "--spoil"


@pytest.mark.sandbox
def test_without_a_file_compare_takes_your_latest_accepted_attempt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./orderbook.py here
    _solved(tmp_path, code="# the accepted one\n")
    _solved(tmp_path, code="# a later wrong one\n", verdict=Verdict.WRONG_ANSWER)
    with Store.open(tmp_path) as store, compare.submission("orderbook", None, store) as (path, label):
        assert path.read_text() == "# the accepted one\n"
        assert label.startswith("history attempt #1")
    (tmp_path / "orderbook.py").write_text("# here\n")
    with Store.open(tmp_path) as store, compare.submission("orderbook", None, store) as (path, label):
        assert path.read_text() == "# here\n" and label == "orderbook.py"


def _row(name: str, sizes: list[int], values: list[float]) -> ComplexityRow:
    return ComplexityRow(name=name, description=name, expected="O(log n)", observed="O(log n)", passed=True,
                         sizes=sizes, values=values)


def test_ratios_are_taken_at_the_largest_size_both_sides_reached() -> None:
    mine = [_row("cancel", [10, 100], [2.0, 4.0])]  # a slow side stops early
    ref = [_row("cancel", [10, 100, 1000], [1.0, 1.0, 1.0])]
    [op] = compare.operations(mine, [ref], [("cancel", "cancel", "time", "O(log n)")])
    assert op.yours.size == 100 and op.references[0].size == 100 and op.references[0].ratio == 4.0
    [unmeasured] = compare.operations([], [ref], [("cancel", "cancel", "time", "O(log n)")])
    assert unmeasured.yours.cost is None and unmeasured.references[0].ratio is None


def test_lines_of_code_leave_out_comments_docstrings_and_blanks() -> None:
    code = ('"""Module doc\nover two lines."""\n\n# a comment\n'
            'class A:\n    """Doc."""\n\n    x = 1  # trailing\n')
    assert compare.count_lines(code, languages.DEFAULT) == compare.LineCount(total=8, code=2)
    assert compare.count_lines("def broken(:\n    pass\n", languages.DEFAULT).total == 2  # unparsable code still counts



def test_your_last_full_run_of_the_same_file_is_reused(tmp_path: Path) -> None:
    """Compare costs one full verdict per side at most: an unchanged file's recorded full run stands
    for your side (its seed then drives the references' workload)."""
    row = ComplexityRow(name="cancel", description="cancel", expected="O(log n)", observed="O(1)", passed=True,
                        sizes=[1000, 2000], values=[1e-6, 1e-6])
    code = HEAP.read_text(encoding="utf-8")
    with Store.open(tmp_path) as store:
        store.record(Attempt(created_at=history.now(), problem="orderbook", verdict=Verdict.ACCEPTED, seconds=3.0,
                             sandbox="bwrap", full=True, seed=42, code_sha256=hashlib.sha256(HEAP.read_bytes())
                             .hexdigest(), code=code, complexity=[row]))
        found = compare.reusable(store, "orderbook", HEAP, None)
        assert found is not None and found.seed == 42
        assert compare.reusable(store, "orderbook", HEAP, 7) is None  # another seed asked for
        assert compare.reusable(store, "orderbook", LIFO, None) is None  # another file
