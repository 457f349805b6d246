"""What `judge list`, `history` and `stats` show: the problem list, the attempts and the stats as
plain tables (judge/plaintable.py), and the verdict labels, durations and language names every view
shares. Nothing here imports rich or pydantic: these commands must answer at once (issue 12)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from judge.plaintable import Column, Line, Table
from judge.safetext import visible

if TYPE_CHECKING:
    from judge.catalog import Summary
    from judge.history import Listed, ProblemStats

# Keyed by the verdict's value: Verdict is a StrEnum, so a Verdict finds its entry without this module
# importing judge.models (and pydantic with it).
VERDICT_STYLE = {
    "accepted": "bold green",
    "wrong_answer": "bold red",
    "runtime_error": "bold red",
    "compile_error": "bold red",
    "time_limit_exceeded": "bold yellow",
    "memory_limit_exceeded": "bold yellow",
    "output_limit_exceeded": "bold yellow",
    "complexity_failed": "bold magenta",
    "internal_error": "bold white on red",
}

# Languages as the history and stats tables name them: short, as `--lang` takes them. A table names
# languages only where it lists one other than Python (the judge's default), so Python-only users see
# no column repeating "py".
LANG_SHORT = {"python": "py", "javascript": "js", "typescript": "ts"}
LANG_NAMES = {"python": "Python", "javascript": "JavaScript", "typescript": "TypeScript"}


def verdict_label(verdict: str | None) -> tuple[str, str]:
    """The verdict as the tables and reports write it, with its style: ("WRONG ANSWER", "bold red")."""
    if verdict is None:
        return "-", "dim"
    value = str(verdict)  # a Verdict is a StrEnum: its str is its value
    return value.replace("_", " ").upper(), VERDICT_STYLE.get(value, "bold")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = int(seconds)
    return f"{whole // 60:d}:{whole % 60:02d}"


def lang(name: str | None) -> str:
    return "-" if name is None else LANG_SHORT.get(name, name)


def cases(a: Listed) -> str:
    """What the attempt's counts mean, short: a failed run stopped at its first failing case."""
    if a.verdict == "compile_error" or a.tests_run == 0:
        return "-"
    text = f"{a.tests_run:,} ok" if a.tests_passed == a.tests_run else f"failed at {a.tests_run:,}"
    return text + ("" if a.full else " q")


def problem_table(problems: Iterable[Summary], solved: set[tuple[str, int]] | None = None) -> Table:
    solved = solved or set()
    table = Table([Column("problem", style="bold cyan"), Column("difficulty"), Column("parts"),
                   Column("title / summary", give="wrap", min_width=20)],  # the one column that wraps
                  title="Problems", spaced=True,
                  caption="start one with: judge start PROBLEM, then judge show PROBLEM\n"
                          "✓ solved; part N opens (judge show PROBLEM --part N) once part N-1 is ✓")
    for p in problems:
        parts: Line = []  # solved parts ticked: what is solved, and what is open next
        for n in p.parts:
            done = (p.name, n) in solved
            parts.append((f"{n}✓" if done else f"{n}", "green" if done else ""))
            parts.append((" ", ""))
        table.add_row(p.name, p.difficulty, [parts[:-1]], [[(p.title, "bold")], [(p.summary, "dim")]])
    return table


def history_table(attempts: list[Listed], title: str = "attempts") -> Table:
    parts = any(a.part != 1 for a in attempts)
    langs = any(a.language != "python" for a in attempts)
    sessions = any(a.session_id for a in attempts)  # no empty column when no attempt was in a session
    # 80 columns: the date is short; the file is the column that gives way, then the session
    columns = [Column("#", right=True), Column("when"), Column("problem", give="wrap", min_width=9, rank=3),
               *([Column("lang")] if langs else []), Column("file", give="cut", min_width=8, max_width=24),
               Column("verdict"), Column("cases", give="wrap", min_width=6, rank=2), Column("time", right=True),
               *([Column("session", give="wrap", min_width=13, rank=1)] if sessions else [])]
    table = Table(columns, title=title,
                  caption="when: today's time, else the date; cases: how many ran (a run stops at its first "
                          "failing case); q: a --quick run (or complexity skipped), which does not count as "
                          "solving; time: the judge's run time; `judge history --show ID` shows one attempt")
    today = datetime.now().astimezone().date()
    for a in attempts:
        session: Line = []
        if a.session_id:
            session = [(a.session_id, "")]
            if a.late:
                session.append((" late", "yellow"))
            if a.final:
                session.append((" final", ""))
        local = a.created_at.astimezone()
        table.add_row(str(a.id), f"{local:%H:%M}" if local.date() == today else f"{local:%m-%d}",
                      a.problem + (f" part {a.part}" if parts else ""), *([lang(a.language)] if langs else []),
                      visible(Path(a.submission).name), verdict_label(a.verdict), cases(a), f"{a.seconds:.1f} s",
                      *([[session]] if sessions else []))
    return table


def stats_table(rows: list[ProblemStats]) -> Table:
    """One row per problem, part and language: a part practised in two languages is two rows."""
    parts = any(s.part != 1 for s in rows)
    langs = any(s.language not in (None, "python") for s in rows)
    # The last attempt's time is in --json; the table stays within 80 columns with the part and the
    # language in it, so "solved" is the day of the first accepted full run, or "no".
    columns = [Column("problem"), *([Column("part", right=True)] if parts else []),
               *([Column("lang")] if langs else []), Column("solved"), Column("runs", right=True),
               Column("accepted", right=True), Column("mock", right=True), Column("judge", right=True)]
    table = Table(columns, title="stats",
                  caption="one row per problem, part and language; solved: the day of your first accepted "
                          "full run (not --quick); runs: your runs, the final verdicts taken when a mock session "
                          "ends left out; mock: your best time from a mock session's start to its first "
                          "accepted run, where the final verdict agreed; judge: how long the judge took on "
                          "your fastest accepted full run (machine load, not you)")
    for s in rows:
        judged = f"{s.best_seconds:.2f} s" if s.best_seconds is not None else "-"
        solved = (f"{s.first_accepted_at.astimezone():%Y-%m-%d}", "green") if s.first_accepted_at else ("no", "dim")
        part = str(s.part) if s.language is not None else "-"  # never attempted: no part either
        table.add_row(s.problem, *([part] if parts else []), *([lang(s.language)] if langs else []),
                      solved, str(s.attempts), str(s.accepted), duration(s.best_session_seconds), judged)
    return table
