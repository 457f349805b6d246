"""Rendering reports and listings for the terminal (rich). The only module besides cli that prints."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from judge.doctor import Check
from judge.models import Report, Verdict
from judge.problems import Problem

_STYLE = {
    Verdict.ACCEPTED: "bold green",
    Verdict.WRONG_ANSWER: "bold red",
    Verdict.RUNTIME_ERROR: "bold red",
    Verdict.COMPILE_ERROR: "bold red",
    Verdict.TIME_LIMIT_EXCEEDED: "bold yellow",
    Verdict.MEMORY_LIMIT_EXCEEDED: "bold yellow",
    Verdict.OUTPUT_LIMIT_EXCEEDED: "bold yellow",
    Verdict.COMPLEXITY_FAILED: "bold magenta",
    Verdict.INTERNAL_ERROR: "bold white on red",
}


def problem_table(problems: Iterable[Problem]) -> Table:
    table = Table(title="Problems", title_justify="left")
    table.add_column("problem", style="bold cyan")
    table.add_column("title")
    table.add_column("difficulty")
    table.add_column("summary")
    for p in problems:
        table.add_row(p.name, p.meta.title, p.meta.difficulty, p.meta.summary)
    return table


def spec(problem: Problem) -> Markdown:
    return Markdown(problem.spec)


def _cost(value: float, metric: str) -> str:
    if metric == "memory":
        return f"{value:.0f} B"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.2f} us"


def report(r: Report, console: Console) -> None:
    if r.sandbox_warning:
        console.print(Text(f"warning: {r.sandbox_warning}", style="yellow"))
    head = Text()
    head.append(r.verdict.value.replace("_", " ").upper(), style=_STYLE[r.verdict])
    head.append(f"  {r.problem}  ({r.tests_passed}/{r.tests_run} cases passed)")
    parts: list = [head, Text(r.message)]
    if r.limit:
        parts.append(Text(f"limit hit: {r.limit}", style="yellow"))
    console.print(Panel(Group(*parts), expand=False))
    ce = r.counterexample
    if ce is not None:
        title = "smallest failing case" if r.verdict in (Verdict.WRONG_ANSWER, Verdict.RUNTIME_ERROR) else "case"
        console.print(f"[bold]{title}[/] ({ce.steps} call{'s' if ce.steps != 1 else ''}), paste under your solution:")
        console.print(Syntax(ce.code, "python", theme="ansi_dark", word_wrap=True))
        if ce.expected is not None or ce.got is not None:
            diff = Table.grid(padding=(0, 2))
            diff.add_row("[bold]call[/]", ce.call)
            if ce.expected is not None:
                diff.add_row("[bold green]expected[/]", Text(ce.expected))
            if ce.got is not None:
                diff.add_row("[bold red]got[/]", Text(ce.got))
            console.print(diff)
        if ce.traceback:
            console.print(Text(ce.traceback.rstrip(), style="red"))
        if ce.note:
            console.print(Text(ce.note, style="italic"))
    if r.verdict is Verdict.COMPILE_ERROR:
        console.print(Text(r.message, style="red"))
    if r.complexity:
        console.print(complexity_table(r))
    if r.stderr.strip():
        console.print(Panel(Text(r.stderr.rstrip()[-3000:]), title="your output (stdout+stderr)", expand=False))
    for note in r.notes:
        console.print(Text(note, style="dim"))
    t = r.timings
    console.print(Text(
        f"sandbox {r.sandbox} (start {t.sandbox_start * 1e3:.0f} ms) · tests {t.tests:.2f} s · "
        f"complexity {t.complexity:.2f} s · total {t.total:.2f} s · seed {r.seed} (rerun with --seed {r.seed})",
        style="dim",
    ))


def complexity_table(r: Report) -> Table:
    table = Table(title="complexity", title_justify="left")
    for col in ("check", "expected", "observed", "", "evidence"):
        table.add_column(col)
    for row in r.complexity:
        mark = "[green]ok[/]" if row.passed else "[red]FAIL[/]"
        if not row.determined:
            mark = "[yellow]?[/]"
        evidence = ", ".join(f"n={n:,}: {_cost(v, row.metric)}" for n, v in zip(row.sizes, row.values, strict=False))
        table.add_row(row.description, row.expected, row.observed, mark, f"{evidence}\n[dim]{row.detail}[/]")
    return table


def doctor(rows: list[Check], console: Console) -> None:
    table = Table(title="judge doctor", title_justify="left")
    for col in ("check", "", "detail", "fix"):
        table.add_column(col)
    for row in rows:
        table.add_row(row.name, "[green]ok[/]" if row.ok else "[red]no[/]", row.detail, row.fix)
    console.print(table)
