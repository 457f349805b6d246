"""Mock sessions end to end: the scripted flow (`mock start`, `judge run` in the folder, `mock end`,
`mock report`) against a real history file, and the live dashboard in a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import random
import re
import select
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from judge import history, sessions
from judge.history import Store
from judge.models import Verdict
from judge.records import Attempt

from .conftest import PROBLEMS, run_cli

SUBMISSIONS = PROBLEMS / "orderbook" / "submissions"
HEAP = SUBMISSIONS / "accepted" / "heap_lazy.py"
LIFO = SUBMISSIONS / "wrong_answer" / "lifo_in_level.py"


def _json(result: object) -> dict:
    assert getattr(result, "returncode", None) == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    return json.loads(result.stdout)  # type: ignore[attr-defined]


def _save(src: Path, dest: Path) -> None:
    """Replace the file's content the way an editor does, with a new mtime."""
    dest.write_bytes(src.read_bytes())


def test_scripted_session_start_run_end_report(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "session"
    started = _json(run_cli("--data-dir", str(data), "mock", "start", "--problems", "orderbook",
                            "--minutes", "10", "--dir", str(folder), "--json"))
    session_id = started["session"]["id"]
    stub = folder / "orderbook.py"
    assert "class OrderBook" in stub.read_text()
    assert "price-time priority" in (folder / "orderbook.spec.md").read_text()
    marker = json.loads((folder / sessions.MARKER).read_text())
    assert marker["session_id"] == session_id and Path(marker["data_dir"]) == data.resolve()

    # Inside the folder (no --data-dir: the marker names the store), attempts join the session.
    stub_run = run_cli("run", "orderbook", "--quick", cwd=folder)
    assert stub_run.returncode == 1 and f"mock session {session_id}" in stub_run.stderr
    _save(HEAP, stub)
    assert run_cli("run", "orderbook", "--quick", cwd=folder).returncode == 0

    # Time runs out: the deadline is moved into the past in the store instead of sleeping, so the test
    # is as fast on a slow machine (the live test below lets a real clock run out).
    db = sqlite3.connect(data / history.DB_NAME)
    db.execute("UPDATE sessions SET deadline = ? WHERE id = ?",
               ((history.now() - timedelta(seconds=1)).isoformat(), session_id))
    db.commit()
    db.close()
    _save(LIFO, stub)  # saved after the deadline: the final verdict is late too
    late = run_cli("run", "orderbook", "--quick", "--seed", "1", cwd=folder)
    assert late.returncode == 1 and "LATE" in late.stderr

    running = _json(run_cli("mock", "report", "--json", cwd=folder))
    assert running["status"] == "time is up" and running["results"][0]["final_verdict"] is None

    ended = _json(run_cli("mock", "end", "--json", cwd=folder))
    assert ended["status"] == "ended" and ended["session"]["end_reason"] == "command"
    [result] = ended["results"]
    assert result["problem"] == "orderbook"
    assert result["attempts"] == 3 and result["late_attempts"] == 1
    assert result["latest_verdict"] == "wrong_answer"
    assert result["final_verdict"] == "wrong_answer" and result["final_late"] is True
    # A quick check passed, the final verdict did not: not "first accepted", a quick pass, said so
    assert result["first_accepted_seconds"] is None and result["first_quick_pass_seconds"] is not None

    # The report is read back from the store, the same from anywhere given the id and the store.
    again = _json(run_cli("--data-dir", str(data), "mock", "report", session_id, "--json"))
    assert again["results"] == ended["results"]
    text = run_cli("--data-dir", str(data), "mock", "report", session_id)
    assert "WRONG ANSWER" in text.stdout and "(late" in text.stdout and "3 (1 late)" in text.stdout

    twice = run_cli("--data-dir", str(data), "mock", "end", session_id)
    assert twice.returncode == 2 and "already ended" in twice.stderr

    rows = json.loads(run_cli("--data-dir", str(data), "history", "--json").stdout)
    assert [r["session_id"] for r in rows] == [session_id] * 4
    flags = [(r["late"], r["final"]) for r in rows]
    assert flags == [(True, True), (True, False), (False, False), (False, False)]


def test_mock_start_picks_a_problem_not_yet_solved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    others = sorted(p.parent.name for p in PROBLEMS.glob("*/problem.yaml") if p.parent.name != "orderbook")
    with Store.open(data) as store:
        for name in others:
            solved = Attempt(created_at=history.now(), problem=name, verdict=Verdict.ACCEPTED, seconds=1.0,
                             sandbox="bwrap", full=True, code_sha256="0" * 64, code="pass\n")
            store.record(solved)
    started = _json(run_cli("--data-dir", str(data), "mock", "start", "--dir", str(tmp_path / "s"), "--json"))
    assert started["session"]["problems"] == ["orderbook"]  # the only one not solved
    assert started["session"]["minutes"] == 45  # the default length


def test_pick_problems_prefers_unsolved_then_tops_up() -> None:
    rng = random.Random(3)
    assert sessions.pick_problems(["a", "b", "c"], {"a", "c"}, None, 1, rng) == ["b"]
    picked = sessions.pick_problems(["a", "b", "c"], {"a", "c"}, None, 2, rng)
    assert picked[0] == "b" and picked[1] in ("a", "c")
    # All solved: a session still gets one.
    assert sessions.pick_problems(["a", "b"], {"a", "b"}, None, 1, rng)[0] in ("a", "b")


def test_mock_usage_errors_are_one_line(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    folder = tmp_path / "s"
    first = run_cli("--data-dir", data, "mock", "start", "--problems", "orderbook", "--dir", str(folder))
    assert first.returncode == 0, first.stderr
    for args in (["mock", "start", "--minutes", "0"],
                 ["mock", "start", "--problems", "nosuch", "--dir", str(tmp_path / "t")],
                 ["mock", "start", "--problems", "orderbook", "--dir", str(folder)],  # already a session
                 ["mock", "report", "nosuch"]):
        result = run_cli("--data-dir", data, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("judge: error:"), (args, result.stderr)


def test_live_dashboard_needs_a_terminal(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path), "mock", "--minutes", "1", cwd=tmp_path)
    assert result.returncode == 2 and "mock start" in result.stderr
    assert not list(tmp_path.glob("mock-*"))


# -- the live dashboard, in a pseudo-terminal ---------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")


class Terminal:
    """The CLI on a pseudo-terminal (stdlib pty): what a user sees, minus the escape codes."""

    def __init__(self, args: list[str], cwd: Path, data: Path) -> None:
        env = {**os.environ, "COLUMNS": "110", "LINES": "50", "TERM": "xterm", "JUDGE_DATA_DIR": str(data)}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the CLI
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "judge.cli", *args], env)
        self.raw = b""
        self.status: int | None = None

    @property
    def text(self) -> str:
        return _ANSI.sub("", self.raw.decode("utf-8", errors="replace"))

    def _pump(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                return False
            if not chunk:
                return False
            self.raw += chunk
        return True

    def wait_for(self, condition: Callable[[str], bool], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.text):
                return self.text
            if not self._pump(0.1):
                break
        assert condition(self.text), f"timed out; the terminal showed:\n{self.text[-4000:]}"
        return self.text

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def finish(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._pump(0.1):
            pass
        for _ in range(int(timeout * 10)):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise AssertionError(f"the CLI did not exit; it showed:\n{self.text[-4000:]}")


def test_live_session_rejudges_on_save_and_reports_when_time_runs_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    began = time.monotonic()
    term = Terminal(["mock", "--problems", "orderbook", "--minutes", "0.15", "--dir", "live"], tmp_path, data)
    term.wait_for(lambda t: "time left" in t and "not judged yet" in t, timeout=20)
    assert "price-time priority" in term.text  # the spec was shown first

    _save(LIFO, tmp_path / "live" / "orderbook.py")
    term.wait_for(lambda t: "WRONG ANSWER" in t, timeout=20)  # judged on save, without any command
    assert "Saving a file judges it quickly" in term.text

    term.wait_for(lambda t: "session report" in t, timeout=60)
    assert term.finish(timeout=20) == 0
    assert time.monotonic() - began >= 0.15 * 60 - 1  # it ran until the time was up
    text = term.text
    assert "final verdict" in text and "time ran out" in text
    report = text[text.index("session report"):]
    assert "orderbook" in report and "WRONG ANSWER" in report

    with Store.open(data) as store:
        [session] = store.sessions()
        assert session.ended and session.end_reason == "time"
        attempts = store.attempts(session_id=session.id)
    assert [a.final for a in attempts] == [True, False]
    assert attempts[1].verdict is Verdict.WRONG_ANSWER and not attempts[1].full  # quick on save
    assert attempts[0].full and not attempts[0].late  # the final verdict is a full judge


def test_live_session_ends_on_q_enter(tmp_path: Path) -> None:
    data = tmp_path / "data"
    term = Terminal(["mock", "--problems", "orderbook", "--minutes", "5", "--dir", "live"], tmp_path, data)
    term.wait_for(lambda t: "time left" in t and "q + Enter" in t, timeout=20)
    term.type("q\n")
    term.wait_for(lambda t: "session report" in t, timeout=60)
    assert term.finish(timeout=20) == 0
    assert "ended early" in term.text
    with Store.open(data) as store:
        [session] = store.sessions()
    assert session.end_reason == "user"
    assert session.ended_at is not None and session.ended_at < session.deadline



def _report(verdict: Verdict, message: str = "", run: int = 70, passed: int = 70) -> object:
    from judge.models import Report

    return Report(verdict=verdict, problem="orderbook", submission="orderbook.py", sandbox="bwrap", seed=1,
                  tests_run=run, tests_passed=passed, message=message, quick=True)


def test_dashboard_last_frame_shows_final_verdicts_with_the_clock_stopped(tmp_path: Path) -> None:
    """The last frame must not show a quick check's ACCEPTED above a final COMPLEXITY FAILED, nor a
    clock still running, nor how to end a session that is over (issue 12)."""
    from rich.console import Console

    from judge import dashboard

    with Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["orderbook"], minutes=45, folder=tmp_path / "mock")
        live = sessions.LiveSession(store, started.session)
        live.problems["orderbook"].latest = _report(Verdict.ACCEPTED)  # type: ignore[assignment]
        live.stopped_at = started.session.started_at + timedelta(minutes=10)
        final = sessions.summarize(store, started.session)
        final.results[0].final_verdict = Verdict.COMPLEXITY_FAILED
        final.results[0].final_message = "cancel is O(n), expected O(log n)"
        final.results[0].final_tests = "308/308"
        console = Console(record=True, width=80, color_system=None)
        console.print(dashboard.view(live, "session over", over=True, final=final))
        text = console.export_text()
    assert "COMPLEXITY FAILED" in text and "ACCEPTED" not in text and "final verdict" in text
    assert "time left at the end 35:00" in text  # stopped at the end, not counting on
    assert "q + Enter" not in text and "Saving a file" not in text


def test_dashboard_shows_a_compile_error_with_its_caret(tmp_path: Path) -> None:
    from rich.console import Console

    from judge import dashboard

    message = 'File "orderbook.py", line 2\n    def submit(self\n              ^\nSyntaxError: \'(\' was never closed'
    with Store.open(tmp_path / "data") as store:
        started = sessions.start(store, problem_names=["orderbook"], minutes=45, folder=tmp_path / "mock")
        live = sessions.LiveSession(store, started.session)
        live.problems["orderbook"].latest = _report(Verdict.COMPILE_ERROR, message, 0, 0)  # type: ignore[assignment]
        live.last_judged = "orderbook"
        console = Console(record=True, width=100, color_system=None)
        console.print(dashboard.view(live))
        text = console.export_text()
    assert "SyntaxError: '(' was never closed" in text and "^" in text and "0/0" not in text


def test_a_run_after_mock_end_says_when_the_session_was_ended(tmp_path: Path) -> None:
    """Ended early at 13:11, a later run must not say the time "ran out" at the deadline (13:21)."""
    data = tmp_path / "data"
    folder = tmp_path / "mock"
    started = _json(run_cli("--data-dir", str(data), "mock", "start", "--problems", "orderbook", "--dir",
                            str(folder), "--json"))
    session_id = started["session"]["id"]
    ended = run_cli("--data-dir", str(data), "mock", "end", session_id, "--sandbox", "process")
    assert ended.returncode == 0 and "ended early" in ended.stdout, ended.stdout + ended.stderr
    _save(LIFO, folder / "orderbook.py")
    late = run_cli("run", "orderbook", "--quick", "--seed", "1", "--sandbox", "process", cwd=folder)
    assert "marked LATE: the session was ended at" in late.stderr, late.stderr
