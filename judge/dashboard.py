"""The live mock-session dashboard: a rich Live view over a LiveSession, driven by one loop.

The loop is single-threaded on purpose: judging happens in it (the clock and the judging progress
are redrawn from judge_file's progress callback), and the sandboxes are started by fork+exec with a
preexec_fn, which is safest with no other Python thread running, so Live's auto-refresh thread is off.
Every ~0.5 s it redraws, reads a line from stdin if one is ready (`q` + Enter ends the session),
and judges the files whose mtime changed. POSIX only (select on stdin), like the sandboxes.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import termios
import time
from collections.abc import Iterator
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from judge import catalog, render
from judge.errors import JudgeError, StoreError
from judge.history import now
from judge.safetext import safe, visible
from judge.sessions import LiveSession, SessionReport, end

POLL_SECONDS = 0.5
# Judging reports progress per test case; redrawing on each would flood a slow terminal (or a log).
REDRAW_SECONDS = 0.1
MESSAGE_CHARS = 60
CASE_LINES = 14  # a minimal case is a handful of calls; a longer one is cut to keep the clock in view


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))  # round up: "0:00" only once time is really up
    return f"{seconds // 60:d}:{seconds % 60:02d}"


def view(live: LiveSession, status: str = "", over: bool = False, final: SessionReport | None = None) -> Panel:
    """The dashboard. Once the session is `over` the clock is stopped where it ended; with the `final`
    report the table shows the final verdicts (the full judge), not the last quick checks."""
    left = live.seconds_left(live.stopped_at) if over and live.stopped_at else live.seconds_left()
    style = "bold green" if left > 300 else ("bold yellow" if left > 60 else "bold red")
    head = Text()
    head.append("time left at the end " if over else "time left ", style="bold")
    head.append(_clock(left), style=style)
    head.append(f"   of {live.session.minutes:g} min · folder {visible(live.session.folder)}", style="dim")
    # No file column: the file is PROBLEM.py in the folder shown above, and 80 columns are tight.
    table = Table(expand=False, box=None, padding=(0, 1))
    progressive = live.session.progressive
    for column in ("problem", *(["part"] if progressive else []), "attempts",
                   "final verdict" if final else "latest verdict", "cases"):
        table.add_column(column, no_wrap=True)
    table.add_column("message")  # the only column that may wrap, so a narrow terminal keeps the rest
    results = {r.problem: r for r in final.results} if final else {}
    for name, state in live.problems.items():
        report = state.latest
        verdict = render.verdict_text(report.verdict) if report else Text("not judged yet", style="dim")
        cases = render.counts(report.verdict, report.tests_run, report.tests_passed) if report else ""
        message = render.headline(report.message, report.verdict) if report else ""
        if live.judging == name:
            verdict = Text("judging…", style="bold cyan")
        result = results.get(name)
        if result is not None:  # the full judge's verdict replaces the quick check's
            verdict = (render.verdict_text(result.final_verdict) if result.final_verdict
                       else Text("not attempted" if result.untouched else "no file", style="dim"))
            cases = result.final_tests if result.final_verdict not in (None, "compile_error") else ""
            message = render.headline(result.final_message, result.final_verdict or "")
        if len(message) > MESSAGE_CHARS:  # the full report is one `judge run` away; keep the row short
            message = message[: MESSAGE_CHARS - 1] + "…"
        part = [f"{result.part if result else state.part}/{state.parts}"] if progressive else []
        table.add_row(name, *part, str(state.attempts), verdict, cases, safe(message))
    parts: list[RenderableType] = [head, Text(""), table, Text("")]
    if live.news:
        parts += [Text(live.news, style="bold green"), Text("")]
    parts += _failing_case(live)
    if status:
        parts.append(Text(status, style="cyan"))
    if live.warning:
        parts.append(safe(live.warning, style="yellow"))
    if not over and progressive:
        parts.append(Text("Saving the file judges the current part quickly; a quick pass gets a full judge, and "
                          "a full accept opens the next part (its spec is written into the folder).", style="dim"))
    elif not over:  # how to use the dashboard: no use once the session is over
        parts.append(Text("Saving a file judges it quickly (fewer cases, no complexity checks); when the "
                          "session ends, every file gets a full judge for its final verdict.", style="dim"))
        parts.append(Text("Type q + Enter, or press Ctrl-C, to end the session early.", style="dim"))
    return Panel(Group(*parts), title=f"mock session {live.session.id}", title_align="left", expand=False)


def _failing_case(live: LiveSession) -> list[RenderableType]:
    """The last judged file's smallest failing case, so it can be fixed without leaving the dashboard."""
    state = live.problems.get(live.last_judged)
    report = state.latest if state else None
    if state is not None and report is not None and report.verdict == "compile_error":
        # The error with its line and caret: `File "x.py", line 2` alone does not say what is wrong
        return [safe(f"{state.file.name}: did not load", style="bold"), safe(report.message, style="red"),
                Text("")]
    case = report.counterexample if report else None
    if state is None or case is None or case.steps == 0:
        return []
    lines = case.code.splitlines()
    code = "\n".join(lines[:CASE_LINES] + ([f"# ... {len(lines) - CASE_LINES} more lines"]
                                          if len(lines) > CASE_LINES else []))
    parts: list[RenderableType] = [
        safe(f"{state.file.name}: smallest failing case ({render.plural(case.steps, 'call')})", style="bold"),
        Syntax(visible(code), "python", theme="ansi_dark", word_wrap=True),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_row("[bold]call[/]", safe(case.call))
    if case.expected is not None:
        grid.add_row("[bold green]expected[/]", safe(case.expected[:200]))
    if case.got is not None:
        grid.add_row("[bold red]got[/]", safe(case.got[:200]))
    return [*parts, grid, Text("")]


def _wait_for_quit(stream: IO[str] | None, timeout: float) -> tuple[bool, IO[str] | None]:
    """Wait up to `timeout` for a line on stdin: (quit asked, the stream to keep watching)."""
    if stream is None:
        time.sleep(timeout)
        return False, None
    try:
        ready, _, _ = select.select([stream], [], [], timeout)
    except (OSError, ValueError):  # not a selectable stream (e.g. replaced by a test runner)
        time.sleep(timeout)
        return False, None
    if not ready:
        return False, stream
    line = stream.readline()
    if line == "":
        return False, None  # EOF: stop watching stdin, keep the clock
    return line.strip().lower().startswith("q"), stream


@contextlib.contextmanager
def _no_echo(stream: IO[str] | None) -> Iterator[None]:
    """Typed keys would be echoed into the middle of the redrawn dashboard; line mode stays on, so
    `q` still needs Enter. Restored on the way out, whatever happens."""
    try:
        fd = stream.fileno() if stream is not None else -1
        saved = termios.tcgetattr(fd) if fd >= 0 and os.isatty(fd) else None
    except (OSError, ValueError, termios.error):
        saved = None
    if saved is None:
        yield
        return
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def run(live: LiveSession, console: Console, stdin: IO[str] | None = None) -> SessionReport:
    """Run the dashboard until the time is up or the user ends it; then take the final verdicts."""
    stream: IO[str] | None = stdin if stdin is not None else sys.stdin
    with _no_echo(stream):
        return _loop(live, console, stream)


def _loop(live: LiveSession, console: Console, stream: IO[str] | None) -> SessionReport:
    reason = "time"
    with Live(view(live), console=console, auto_refresh=False, transient=False) as screen:
        last_redraw = 0.0

        over = False

        def redraw(status: str = "", throttle: bool = False) -> None:
            nonlocal last_redraw
            if throttle and time.monotonic() - last_redraw < REDRAW_SECONDS:
                return
            last_redraw = time.monotonic()
            screen.update(view(live, status, over), refresh=True)

        def progress(stage: str, done: int, total: int) -> None:
            redraw(f"judging {live.judging}: {stage} {done}/{total}", throttle=True)

        try:
            while live.seconds_left() > 0:
                for name in live.changed():
                    redraw(f"judging {name} (saved)…")
                    try:
                        live.judge(name, progress)
                    except JudgeError as exc:  # e.g. the file vanished between the save and the read
                        live.warning = str(exc)
                    while live.opened:  # a part just opened: its spec goes above the dashboard, to read
                        problem, part = live.opened.pop(0)
                        text = catalog.summary(problem).spec_of(part)
                        screen.console.print(render.spec(catalog.spec_for(text, live.session.language)))
                redraw()
                quit_asked, stream = _wait_for_quit(stream, min(POLL_SECONDS, max(live.seconds_left(), 0.01)))
                if quit_asked:
                    reason = "user"
                    break
        except KeyboardInterrupt:
            reason = "user"

        def final_progress(problem: str, stage: str, done: int, total: int) -> None:
            redraw(f"session over: final verdict for {problem} (full judge): {stage} {done}/{total}",
                   throttle=True)

        over = True
        live.stopped_at = now()  # the clock stops here: taking the final verdicts is the judge's time
        redraw("session over: taking the final verdicts (a full judge of each file)…")
        sid = live.session.id
        try:
            report = end(live.store, live.session, reason, live.options, final_progress)
        except KeyboardInterrupt:
            raise JudgeError(f"final verdicts interrupted; mock session {sid} is still open: "
                             f"finish it with `judge mock end {sid}`") from None
        except StoreError as exc:  # the files are safe in the folder: the end can be taken again later
            raise StoreError(f"{exc}; mock session {sid} stays open: `judge mock end {sid}` takes the final "
                             "verdicts once the database is usable") from exc
        # The last frame stays on screen: it shows the final verdicts, not the last quick checks
        screen.update(view(live, "session over: final verdicts taken, report below", True, report), refresh=True)
        return report
