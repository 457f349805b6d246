"""Terminal safety: text from the submission never reaches the user's terminal as control codes.

A screen clear, a window title and an OSC 52 clipboard write go in through every door the
submission has (exception message and class name, printed output, the repr of a returned value and
so the pasteable case, the source line of a syntax error) and each view is checked: `judge run`,
`judge history --show`, `judge mock end` / `mock report`, the live dashboard and `judge compare`.
Plain (non-terminal) output carries no ESC at all; a colour terminal's output carries only rich's
own SGR styling. `--json` keeps the raw text, escaped by JSON.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from judge import dashboard, history, render, sessions
from judge.compare import Cell, Comparison, LineCount, Operation, ReferenceSide, Side
from judge.history import Store
from judge.judging import Options, judge_file
from judge.models import Report, Verdict
from judge.safetext import safe, visible
from judge.submission import Submission

from .conftest import run_cli

PAYLOAD = "\x1b[2J\x1b[H\x1b]0;judge: ACCEPTED\x07\x1b]52;c;aGVsbG8=\x07"
EXTRA = "\x9b2J\x1b\\\x7f\x00\r\u202e\u2066\x85[bold]markup[/bold]"  # C1 CSI, ST, DEL, NUL, CR, bidi, NEL
EVIL = PAYLOAD + EXTRA
IN_SOURCE = EVIL.replace("\x00", "").replace("\r", "")  # what a source line can hold raw

# Anything a terminal acts on: C0 but newline and tab, DEL, C1, the bidi overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# rich's own styling in a colour terminal: SGR sequences only (ESC [ digits ; m).
_SGR = re.compile("\x1b\\[[0-9;]*m")

_BOOK = '''
class OrderBook:
    def submit(self, order_id, side, price, quantity):
        {submit}

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
'''

SUBMISSIONS = {
    # the exception's class name and message, its traceback, and what it printed
    "raises": f"EVIL = {EVIL!r}\nprint(EVIL)\nErr = type('Err' + EVIL.replace(chr(0), ''), (Exception,), {{}})\n"
              + _BOOK.format(submit="raise Err(EVIL)"),
    # the repr of a returned value: in "got" and in the pasteable case's comment
    "repr": f"EVIL = {EVIL!r}\nclass Thing:\n    def __repr__(self):\n        return EVIL\n"
            + _BOOK.format(submit="return Thing()"),
    # the source line quoted by a syntax error, raw bytes in it
    "syntax": f"x = 1\ny = ]  # {IN_SOURCE}\n",
    # an exception raised while importing, raw bytes in the traceback's source line
    "import": f"raise ValueError({EVIL!r})  # {IN_SOURCE}\n",
}


def assert_clean(output: str, styled: bool = False) -> None:
    """No control character of the submission's in `output`; `styled`: rich's SGR codes allowed."""
    if styled:
        output = _SGR.sub("", output)
    found = _CONTROL.search(output)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {output[max(0, found.start() - 80):][:200]!r}"
    assert "markup" not in output or "[bold]markup[/bold]" in output  # markup shown, not applied


def _console(styled: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=100, force_terminal=styled, color_system="truecolor" if styled else None,
                   legacy_windows=False), buffer


def test_visible_spells_out_every_control_character() -> None:
    shown = visible(EVIL + "\ttab\nline\r\nwindows" + "\ud800")
    assert_clean(shown)
    assert "\\x1b[2J" in shown and "\\x1b]52;c;aGVsbG8=\\x07" in shown and "\\x9b" in shown and "\\u202e" in shown
    assert "\ttab\nline\nwindows" in shown and "\\ud800" in shown
    assert visible("plain text, ünïcode € 漢字") == "plain text, ünïcode € 漢字"
    assert safe("[red]x[/red]").plain == "[red]x[/red]"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("evil")
    paths = {}
    for name, code in SUBMISSIONS.items():
        paths[name] = folder / f"{name}.py"
        paths[name].write_text(code, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def reports(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUDGE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        for name, path in files.items():
            out[name] = judge_file("orderbook", path, Options(seed=1, quick=True, remember_failures=False))
    return out


@pytest.mark.sandbox
def test_the_payload_really_gets_in(reports: dict[str, Report]) -> None:
    """Each door carries the raw payload into the report (else the rendering tests prove nothing)."""
    raises, thing, syntax, imported = reports["raises"], reports["repr"], reports["syntax"], reports["import"]
    assert raises.verdict is Verdict.RUNTIME_ERROR and PAYLOAD in raises.message  # the class name
    assert raises.counterexample is not None and PAYLOAD in (raises.counterexample.got or "")
    assert PAYLOAD in (raises.counterexample.traceback or "") and PAYLOAD in raises.stderr
    assert thing.verdict is Verdict.WRONG_ANSWER and thing.counterexample is not None
    assert PAYLOAD in (thing.counterexample.got or "")
    assert syntax.verdict is Verdict.COMPILE_ERROR and PAYLOAD in syntax.message
    assert imported.verdict is Verdict.RUNTIME_ERROR and imported.counterexample is not None
    assert PAYLOAD in (imported.counterexample.got or "")


@pytest.mark.sandbox
@pytest.mark.parametrize("styled", [False, True], ids=["plain", "terminal"])
def test_run_report_is_clean(reports: dict[str, Report], styled: bool) -> None:
    for report in reports.values():
        console, buffer = _console(styled)
        render.report(report, console)
        assert_clean(buffer.getvalue(), styled)
        assert "\\x1b]52;c;aGVsbG8=" in buffer.getvalue() or report.verdict is Verdict.COMPILE_ERROR


@pytest.mark.sandbox
def test_judge_run_history_show_and_json_through_the_cli(files: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = []
    for path in files.values():
        result = run_cli("--data-dir", str(data), "run", "orderbook", str(path), "--quick", "--seed", "1",
                         cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert_clean(result.stdout)
        assert_clean(result.stderr)
        ids.append(json.loads(run_cli("--data-dir", str(data), "history", "--json", "--limit", "1").stdout)[0]["id"])
        as_json = run_cli("--data-dir", str(data), "run", "orderbook", str(path), "--quick", "--seed", "1", "--json",
                          cwd=tmp_path)
        assert json.loads(as_json.stdout)["verdict"] in ("runtime_error", "wrong_answer", "compile_error")
        assert "\\u001b[2J" in as_json.stdout  # valid JSON, the raw text inside it escaped by JSON
    for attempt_id in ids:
        shown = run_cli("--data-dir", str(data), "history", "--show", str(attempt_id))
        assert shown.returncode == 0, shown.stderr
        assert_clean(shown.stdout)
        assert "\\x1b" in shown.stdout  # the message or the code, spelled out
    listing = run_cli("--data-dir", str(data), "history")
    assert_clean(listing.stdout)


@pytest.mark.sandbox
def test_mock_end_and_report_through_the_cli(files: dict[str, Path], tmp_path: Path) -> None:
    data, folder = tmp_path / "data", tmp_path / "session"
    started = run_cli("--data-dir", str(data), "mock", "start", "--problems", "orderbook", "--minutes", "10",
                      "--dir", str(folder))
    assert started.returncode == 0, started.stderr
    (folder / "orderbook.py").write_bytes(files["raises"].read_bytes())
    judged = run_cli("run", "orderbook", "--quick", "--seed", "1", cwd=folder)
    assert_clean(judged.stdout)
    ended = run_cli("mock", "end", cwd=folder)
    assert ended.returncode == 0, ended.stderr
    assert_clean(ended.stdout)
    assert "\\x1b" in ended.stdout  # the final message, spelled out
    report = run_cli("mock", "report", cwd=folder)
    assert_clean(report.stdout)


@pytest.mark.sandbox
@pytest.mark.parametrize("styled", [False, True], ids=["plain", "terminal"])
def test_dashboard_and_session_report_are_clean(files: dict[str, Path], reports: dict[str, Report], tmp_path: Path,
                                                styled: bool) -> None:
    with Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["orderbook"], minutes=10, folder=tmp_path / "s")
        live = sessions.LiveSession(store, started.session)
        for report in reports.values():
            live.problems["orderbook"].latest = report
            live.last_judged = "orderbook"
            live.warning = f"attempt not recorded: {EVIL}"
            console, buffer = _console(styled)
            console.print(dashboard.view(live, status=""))
            assert_clean(buffer.getvalue(), styled)
        submission = dataclasses.replace(Submission.read(files["raises"]), path=Path(f"evil{IN_SOURCE}.py"))
        store.record(history.attempt_from_report(reports["raises"], submission, full=True,
                                                 session_id=started.session.id, final=True))
        store.end_session(started.session.id, "command")
        session = store.session(started.session.id)
        assert session is not None
        console, buffer = _console(styled)
        render.session_report(sessions.summarize(store, session), console)
        assert_clean(buffer.getvalue(), styled)
        assert "\\x1b" in buffer.getvalue()
        attempt = store.attempts(with_code=True)[0]
        full = store.attempt(attempt.id or 0)
        assert full is not None
        console, buffer = _console(styled)
        render.attempt_detail(full, console)
        assert_clean(buffer.getvalue(), styled)


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "terminal"])
def test_compare_is_clean(styled: bool) -> None:
    code = SUBMISSIONS["raises"]
    yours = Side(label="yours", file=f"evil{EVIL}.py", code=code, lines=LineCount(total=3, code=3),
                 verdict=Verdict.RUNTIME_ERROR, message=f"ob.submit(1) raised Err{EVIL}")
    ref = ReferenceSide(label="sorted map", file="problems/orderbook/reference.py", code="x = 1\n",
                        lines=LineCount(total=1, code=1), verdict=Verdict.ACCEPTED, idea="levels",
                        stated_complexity="O(log n)")
    comparison = Comparison(problem="orderbook", seed=1, unlocked_by="--spoil", yours=yours, references=[ref],
                            operations=[Operation(name="cancel", description="cancel", metric="time",
                                                  expected="O(log n)", yours=Cell(), references=[Cell()])])
    console, buffer = _console(styled)
    render.comparison(comparison, console)
    assert_clean(buffer.getvalue(), styled)
    assert "\\x1b]52" in buffer.getvalue()
