"""Rendering reports and listings for the terminal (rich). Only cli, this module and the mock
dashboard (which redraws a live screen) print; the library returns data."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from judge.listings import LANG_NAMES, VERDICT_STYLE, duration, verdict_label
from judge.safetext import safe, visible

# Annotations only, and rich's Markdown and Syntax are imported by the functions that draw them:
# `judge list`, `history` and `stats` must answer at once (issue 12), without pydantic, markdown-it
# or pygments (tests/test_cli_imports.py).
if TYPE_CHECKING:
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    from judge.catalog import Summary
    from judge.compare import Comparison
    from judge.doctor import Check
    from judge.models import Report, Verdict
    from judge.records import Attempt
    from judge.sessions import SessionReport, Started

def _code(text: str, *, line_numbers: bool = False) -> Syntax:
    """Python code (the user's, a case, a reference) highlighted; submission text is made visible by
    the caller."""
    from rich.syntax import Syntax

    return Syntax(text, "python", theme="ansi_dark", word_wrap=True, line_numbers=line_numbers)


def spec(text: str) -> Markdown:
    """The spec as Markdown, its code blocks plain: highlighting them compiles pygments' lexers,
    which costs more than the rest of `judge show` together (issue 12: instant commands)."""
    from rich.markdown import CodeBlock, Markdown

    class PlainCodeBlock(CodeBlock):
        @classmethod
        def create(cls, markdown: Markdown, token: Any) -> CodeBlock:
            return cls("text", markdown.code_theme)

    class Spec(Markdown):
        elements: ClassVar[dict[str, type[Any]]] = {**Markdown.elements, "fence": PlainCodeBlock,
                                                    "code_block": PlainCodeBlock}

    return Spec(text)


def print_spec(text: str, console: Console) -> None:
    """Print `spec(text)` as console.print would, rendered once per spec and terminal and replayed from
    the cache after: importing markdown-it and rendering the Markdown cost `judge show` more than all
    the rest of it (issue 12: instant commands). The key holds what the output depends on: the text,
    the console's width, colours and encoding, and this module's and rich's files (an upgrade or an
    edit renders again)."""
    import hashlib
    import os
    import sys

    from judge.paths import cache_dir

    def stamp(path: str | None) -> tuple[int, int]:
        found = os.stat(path) if path else None
        return (found.st_mtime_ns, found.st_size) if found else (0, 0)

    key = hashlib.sha256(repr((
        text, console.width, console.color_system, console.encoding, console.legacy_windows, console.is_terminal,
        console.no_color, stamp(__file__), stamp(getattr(sys.modules.get("rich.console"), "__file__", None)),
    )).encode()).hexdigest()[:32]
    folder = cache_dir() / "rendered"
    path = folder / f"spec-{key}.txt"
    try:
        console.file.write(path.read_text(encoding="utf-8"))
        return
    except (OSError, UnicodeDecodeError):
        pass
    with console.capture() as captured:
        console.print(spec(text))
    rendered = captured.get()
    console.file.write(rendered)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        kept = sorted(folder.glob("spec-*.txt"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-50]:  # a terminal resized often leaves one file per width: keep the newest
            old.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(rendered, encoding="utf-8")
        tmp.replace(path)
    except OSError:  # an unwritable cache only costs the next `judge show` the rendering
        pass


def _cost(value: float, metric: str) -> str:
    if metric == "memory":
        return f"{value:.0f} B"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.2f} us"


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def counts(verdict: str, run: int, passed: int, total: int = 0) -> str:
    """What the case counts mean, in words: "failed on case 2 of 306", never "1/2" for a run that
    stopped at its first failure, nor "0/0" when no case ran."""
    if verdict == "compile_error" or run == 0:
        return "no case ran" if verdict != "compile_error" else "your file did not load"
    if passed == run:
        return f"{plural(run, 'case')} passed" if total in (0, run) else f"{passed:,} of {total:,} cases passed"
    if total:
        return f"failed on case {run:,} of {total:,}"
    return f"failed on case {run:,} ({passed:,} passed before it)"


def headline(message: str, verdict: str) -> str:
    """One line of a message for a table: for a compile error the error itself and its line, which
    come last, not `File "x.py", line 2`, which comes first."""
    lines = [line for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    if verdict == "compile_error" and len(lines) > 1:
        where = next((line.strip() for line in lines if line.strip().startswith("File ")), "")
        return f"{lines[-1].strip()} ({where.removeprefix('File ')})" if where else lines[-1].strip()
    return lines[0]


def report(r: Report, console: Console) -> None:
    if r.sandbox_warning:
        console.print(Text(f"warning: {r.sandbox_warning}", style="yellow"))
    head = Text()
    head.append(r.verdict.value.replace("_", " ").upper(), style=VERDICT_STYLE[r.verdict])
    part = f" part {r.part}" if r.part != 1 else ""
    head.append(f"  {r.problem}{part}  {counts(r.verdict, r.tests_run, r.tests_passed, r.tests_total)}")
    about = (["quick run"] if r.quick else []) + ([f"seed {r.seed}"] if r.tests_passed < r.tests_run else [])
    if about:
        head.append(f" ({', '.join(about)})", style="dim")
    # A compile error's message is the error with its caret: shown once, whole, here.
    parts: list[RenderableType] = [head, safe(r.message)]
    if r.limit:
        parts.append(Text(f"limit hit: {r.limit}", style="yellow"))
    console.print(Panel(Group(*parts), expand=False))
    ce = r.counterexample
    if ce is not None and ce.steps == 0:  # loading the file failed: there is no case to paste
        console.print(Text("running your file (python FILE) shows the same error:", style="bold"))
    elif ce is not None:
        title = "smallest failing case" if r.verdict in ("wrong_answer", "runtime_error") else "case"
        console.print(f"[bold]{title}[/] ({plural(ce.steps, 'call')}), paste under your solution and run it:")
        console.print(_code(visible(ce.code)))
    if ce is not None:
        if ce.expected is not None or ce.got is not None:
            diff = Table.grid(padding=(0, 2))
            diff.add_row("[bold]call[/]", safe(ce.call))
            if ce.expected is not None:
                diff.add_row("[bold green]expected[/]", safe(ce.expected))
            if ce.got is not None:
                diff.add_row("[bold red]got[/]", safe(ce.got))
            console.print(diff)
        if ce.traceback:
            console.print(safe(ce.traceback.rstrip(), style="red"))
        if ce.note:
            console.print(safe(ce.note, style="italic"))
    if r.complexity:
        console.print(complexity_table(r))
    if r.stderr.strip():
        console.print(Panel(safe(r.stderr.rstrip()[-3000:]), title="your output (stdout+stderr)", expand=False))
    for note in r.notes:
        console.print(safe(note, style="dim"))
    t = r.timings
    console.print(Text(
        f"sandbox {r.sandbox} (start {t.sandbox_start * 1e3:.0f} ms) · tests {t.tests:.2f} s · "
        f"complexity {t.complexity:.2f} s · total {t.total:.2f} s · seed {r.seed} (rerun with --seed {r.seed})",
        style="dim",
    ))


def _size(n: int) -> str:
    """n as 300, 3k, 30k, 1.5M: the evidence column stays narrow."""
    if n >= 1_000_000:
        return f"{n / 1e6:g}M"
    if n >= 1_000:
        return f"{n / 1e3:g}k"
    return str(n)


def complexity_table(r: Report) -> Table:
    table = Table(title="complexity (n: size of the state; cost per operation)", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("check", "expected", "observed", "", "evidence"):
        table.add_column(col, no_wrap=col in ("expected", "observed", ""), ratio=2 if col == "evidence" else None)
    for row in r.complexity:
        mark = "[green]ok[/]" if row.passed else "[red]FAIL[/]"
        if not row.determined:
            mark = "[yellow]?[/]"
        # Short sizes and costs, so that 80 columns hold a row's figures on one or two lines
        evidence = " · ".join(f"{_size(n)}: {_cost(v, row.metric)}"
                              for n, v in zip(row.sizes, row.values, strict=False))
        table.add_row(row.description, row.expected, row.observed, mark, f"{evidence}\n[dim]{row.detail}[/]")
    return table


def doctor(rows: list[Check], console: Console) -> None:
    table = Table(title="judge doctor", title_justify="left")
    for col in ("check", "", "detail", "fix"):
        table.add_column(col)
    for row in rows:
        table.add_row(row.name, "[green]ok[/]" if row.ok else "[red]no[/]", row.detail, row.fix)
    console.print(table)


# -- history, stats, mock sessions, compare --------------------------------------------------------


def verdict_text(verdict: Verdict | str | None) -> Text:
    return Text(*verdict_label(verdict))


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}" if moment else "-"


def attempt_detail(a: Attempt, console: Console) -> None:
    head = Text()
    head.append_text(verdict_text(a.verdict))
    head.append(f"  {a.problem} part {a.part} in {LANG_NAMES.get(a.language, a.language)} · attempt #{a.id} · "
                f"{_when(a.created_at)} · "
                f"{'full' if a.full else 'quick'} run in {a.seconds:.2f} s on {a.sandbox} · seed {a.seed}")
    parts: list[RenderableType] = [head, safe(a.message)]
    if a.session_id:
        parts.append(Text(f"mock session {a.session_id}" + (" (late)" if a.late else "")
                          + (" (final verdict)" if a.final else ""), style="dim"))
    parts.append(safe(f"{a.submission} · sha256 {a.code_sha256}", style="dim"))
    console.print(Panel(Group(*parts), expand=False))
    if a.code is not None:
        console.print(_code(visible(a.code), line_numbers=True))
    if a.complexity:
        from judge.models import Report

        console.print(complexity_table(Report(verdict=a.verdict, problem=a.problem, submission=a.submission,
                                              sandbox=a.sandbox, seed=a.seed, complexity=a.complexity)))


def session_started(started: Started, loaded: list[Summary], console: Console, live: bool) -> None:
    s = started.session
    ends = s.deadline.astimezone()
    console.print(Panel(Group(
        Text.assemble(("mock session ", "bold"), (s.id, "bold cyan"),
                      f": {len(loaded)} problem{'s' if len(loaded) != 1 else ''}, {s.minutes:g} min, "
                      f"ends at {ends:%H:%M:%S}"),
        safe(f"folder {started.folder}"),
        *[Text(f"  {started.files[p.name].name}  (spec: {started.specs[p.name].name})") for p in loaded],
        *([Text(f"progressive: part 1 of {len(loaded[0].parts)} first; a full accept of a part opens the next "
                "(its spec is written into the folder), in the same file", style="cyan")]
          if s.progressive and loaded else []),
    ), expand=False))
    if live:  # the dashboard takes the screen next: the specs go above it
        from judge.catalog import spec_for

        for p in loaded:
            console.print(spec(spec_for(p.spec, s.language)))
        return
    # Without the dashboard the specs stay in their files (and `judge show`): scripts get a short output.
    console.print(Text.assemble(
        "Judge inside the folder, e.g. ", (f"cd {started.folder} && judge run {loaded[0].name}", "bold"),
        ": those attempts count for the session (after the deadline they are marked late). End it with ",
        (f"judge mock end {s.id}", "bold"), " (takes the final verdicts) and see ",
        (f"judge mock report {s.id}", "bold"), ".",
    ))


def session_report(r: SessionReport, console: Console) -> None:
    s = r.session
    early = s.ended_at is not None and s.ended_at < s.deadline
    left = ""
    if early and s.ended_at is not None:
        left = f", {duration((s.deadline - s.ended_at).total_seconds())} before the deadline"
    how = {"time": " (time ran out)", "user": f" (ended early{left})",
           "command": f" (ended early with judge mock end{left})" if early else " (judge mock end)"}
    status = {
        "running": f"running, {duration(r.seconds_left)} left",
        "time is up": f"time is up, not ended yet (`judge mock end {s.id}` takes the final verdicts)",
        "ended": f"ended {_when(s.ended_at)}{how.get(s.end_reason or '', '')}",
    }[r.status]
    console.print(Text.assemble(("mock session ", "bold"), (s.id, "bold cyan"),
                                f" · started {_when(s.started_at)} · {s.minutes:g} min · {status}"))
    table = Table(title="session report", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("problem", "final verdict", "cases", "attempts", "first accepted"):
        table.add_column(col, no_wrap=col in ("problem", "cases"))
    for p in r.results:
        final = verdict_text(p.final_verdict)
        if p.final_verdict is None and p.untouched:
            final = Text("not attempted (the stub as written)", style="dim")
        elif p.final_verdict is None and r.status == "ended":
            final = Text("no file", style="dim")
        elif p.final_verdict is None:
            final = Text.assemble(("not taken yet; latest: ", "dim"), verdict_text(p.latest_verdict))
        if p.final_late:
            final.append(" (late: saved after the deadline)", style="yellow")
        attempts = str(p.attempts) + (f" ({p.late_attempts} late)" if p.late_attempts else "")
        first = duration(p.first_accepted_seconds)
        if p.first_accepted_seconds is not None and not p.first_accepted_full:
            first += " (quick check)"
        elif p.first_quick_pass_seconds is not None:  # the final verdict disagrees with the quick pass
            first = f"- (a quick check passed at {duration(p.first_quick_pass_seconds)})"
        cases = p.final_tests if p.final_tests and p.final_verdict != "compile_error" else "-"
        name = f"{p.problem} part {p.part}/{p.parts}" if s.progressive else p.problem
        table.add_row(name, final, cases, attempts, first)
    console.print(table)
    for p in r.results:
        if s.progressive:  # each part's time to a full accept: the pace an interviewer sees
            line = Text(f"{p.problem} parts: ", style="bold")
            for n in range(1, p.parts + 1):
                line.append(" · " if n > 1 else "")
                seconds = p.part_seconds.get(n)
                if seconds is not None:
                    line.append(f"part {n} accepted at {duration(seconds)}", style="green")
                elif n == p.part and p.final_verdict is not None and p.final_verdict.accepted:
                    line.append(f"part {n} accepted by the final verdict", style="green")
                else:
                    line.append(f"part {n} not accepted", style="dim")
            console.print(line)
    for p in r.results:
        if p.complexity:
            line = Text(f"{p.problem} complexity: ", style="bold")
            for i, row in enumerate(p.complexity):
                line.append(" · " if i else "")
                line.append(f"{row.name} {row.observed} (bound {row.expected}) ")
                line.append("ok" if row.passed else "FAIL", style="green" if row.passed else "red")
            console.print(line)
        if p.final_verdict is not None and not p.final_verdict.accepted and p.final_message:
            if p.final_verdict == "compile_error":  # the error with its caret, whole
                console.print(safe(f"{p.problem}: {p.final_message}", style="dim"))
            else:
                console.print(safe(f"{p.problem}: {headline(p.final_message, p.final_verdict)[:200]}", style="dim"))
    if r.status == "ended":
        first = r.results[0].problem if r.results else "PROBLEM"
        console.print(Text(f"Next: judge compare {first} puts your solution beside the reference solutions; "
                           "judge history lists every attempt.", style="dim"))


def comparison(c: Comparison, console: Console) -> None:
    part = f" part {c.part}" if c.part != 1 else ""
    console.print(Text.assemble(("compare ", "bold"), (c.problem, "bold cyan"), part,
                                f": yours ({visible(c.yours.file)}) vs {len(c.references)} reference"
                                f"{'s' if len(c.references) != 1 else ''} · unlocked: {c.unlocked_by} · "
                                f"same workload, seed {c.seed}"))
    for i, ref in enumerate(c.references, 1):
        console.print(Panel(Group(
            Text(ref.idea),
            Text(f"complexity: {ref.stated_complexity}", style="dim"),
        ), title=f"reference {i}: {ref.label}", title_align="left", expand=False))
    if not c.yours.verdict.accepted:
        console.print(safe(f"your solution: {c.yours.verdict.value.replace('_', ' ')}: {c.yours.message}; "
                           "its operations were not measured (only an accepted solution gets the complexity "
                           "checks)", style="yellow"))
    # One column per operation and one row per side: three operations fit 80 columns, where one
    # column per side (two references and their ratios) wrapped every figure (issue 12).
    table = Table(title=f"measured on the same workload (seed {c.seed}): fitted class, cost per operation "
                        "at n, and yours as a multiple of each reference's", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", no_wrap=True)
    for op in c.operations:
        table.add_column(f"{op.name}\n[dim]bound {op.expected}[/]")

    def cell(observed: str | None, cost: float | None, size: int | None, metric: str) -> Text:
        text = Text(observed or "-")
        if cost is not None:
            text.append(f"\n{_cost(cost, metric)}" + (f" at {_size(size)}" if size else ""), style="dim")
        return text

    table.add_row("yours", *[cell(op.yours.observed, op.yours.cost, op.yours.size, op.metric)
                             for op in c.operations], end_section=True)
    for i, _ref in enumerate(c.references):
        cells: list[RenderableType] = [f"ref {i + 1}"]
        for op in c.operations:
            ref_cell = op.references[i] if i < len(op.references) else None
            if ref_cell is None:
                cells.append(Text("-"))
                continue
            text = cell(ref_cell.observed, ref_cell.cost, ref_cell.size, op.metric)
            if ref_cell.ratio is not None:
                style = "green" if ref_cell.ratio <= 1.25 else ("yellow" if ref_cell.ratio <= 3 else "red")
                text.append("\nyours ")
                text.append(f"x{ref_cell.ratio:.2f}", style=style)
            cells.append(text)
        table.add_row(*cells, end_section=True)
    lines = [f"yours {c.yours.lines.code} ({c.yours.lines.total})"]
    for i, ref in enumerate(c.references, 1):
        ratio = f", yours x{c.yours.lines.code / ref.lines.code:.2f}" if ref.lines.code else ""
        lines.append(f"ref {i} {ref.lines.code} ({ref.lines.total}{ratio})")
    table.caption = ("above x1: yours is slower; n: the largest size both sides reached; "
                     + "; ".join(f"{op.name}: {op.description}" for op in c.operations)
                     + "\nlines of code (all lines in brackets): " + " · ".join(lines))
    table.caption_justify = "left"
    for ref in c.references:
        if not ref.verdict.accepted:
            console.print(safe(f"reference {ref.label!r} was {ref.verdict.value}: {ref.message} "
                               "(a bug in the problem package)", style="red"))
    console.print(table)
    for i, ref in enumerate(c.references, 1):
        code = Table(title=f"yours vs reference {i}: {ref.label}", title_justify="left", expand=True)
        code.add_column(safe(f"yours: {c.yours.file} ({c.yours.lines.code} lines)"), ratio=1)
        code.add_column(safe(f"reference {i}: {ref.file} ({ref.lines.code} lines)"), ratio=1)
        code.add_row(_code(visible(c.yours.code), line_numbers=True), _code(ref.code, line_numbers=True))
        console.print(code)
