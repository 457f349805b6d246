"""The `judge` command: parse, call the library, render. Policies (what unlocks compare, where a stub
is written, which store a run is recorded in) live in the library modules the commands call."""

from __future__ import annotations

import atexit
import json
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from judge import __version__
from judge.errors import ExitCode, JudgeError, PartLocked, StoreError

# Every command imports what it needs when it runs: `judge --help`, `list`, `show`, `start`, `history`
# and `stats` must answer at once, so the judging stack (hypothesis, the sandboxes, the Docker SDK) is
# imported only by the commands that judge. tests/test_cli_imports.py keeps it that way.
if TYPE_CHECKING:
    from rich.console import Console

    from judge import history, sessions
    from judge.judging import Options
    from judge.models import Report
    from judge.submission import Submission

F = TypeVar("F", bound=Callable[..., Any])

# The names `--sandbox` and `--lang` accept, without importing the backends or the languages to list
# them (tests/test_cli_imports.py checks they match judge.sandbox.BACKENDS and judge.languages).
SANDBOX_NAMES = ("auto", "bwrap", "docker", "process")
LANGUAGE_NAMES = ("python", "javascript", "typescript", "py", "js", "node", "ts")  # names, then aliases
DEFAULT_MINUTES = 45.0  # a mock session's length (judge.sessions.DEFAULT_MINUTES)
PROGRESSIVE_MINUTES = 90.0  # a progressive one's: three parts of one problem (judge.sessions.PROGRESSIVE_MINUTES)


def _adopt_orphans() -> None:
    """A judging command reaps what its sandboxes leave behind (judge.sandbox.reaping)."""
    from judge.sandbox.reaping import adopt_orphans

    adopt_orphans()


@cache
def _out() -> Console:
    from rich.console import Console

    return Console()


@cache
def _err() -> Console:
    from rich.console import Console

    return Console(stderr=True)


# -- option bundles: each option is declared once and shared by every command that takes it ----------


def json_option(help: str = "print JSON") -> Callable[[F], F]:
    return click.option("--json", "as_json", is_flag=True, help=help)


def sandbox_option(help: str = "where the submission runs") -> Callable[[F], F]:
    return click.option("--sandbox", "sandbox_name", default="auto", show_default=True,
                        type=click.Choice(SANDBOX_NAMES), help=help)


def seed_option(help: str = "Hypothesis seed, to reproduce a run") -> Callable[[F], F]:
    return click.option("--seed", type=int, help=help)


def lang_option() -> Callable[[F], F]:
    return click.option("--lang", "lang", type=click.Choice(LANGUAGE_NAMES), default=None,
                        help="solution language (default: from the file's extension, else python)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="judge")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="folder of the history database (default: $JUDGE_DATA_DIR, else $XDG_DATA_HOME/judge)")
def cli(data_dir: Path | None) -> None:
    """Practise trading-systems live-coding problems against hidden tests, in a sandbox."""


def _data_dir_flag() -> Path | None:
    """The group's --data-dir, read from the root context so every subcommand sees it."""
    return click.get_current_context().find_root().params.get("data_dir")


@cli.command("list")
@json_option()
def list_cmd(as_json: bool) -> None:
    """List the problems."""
    from judge import catalog, listings, plaintable

    items = catalog.summaries()
    solved = _solved_parts() if any(len(p.parts) > 1 for p in items) else set()
    if as_json:
        click.echo(json.dumps([{"name": p.name, "title": p.title, "difficulty": p.difficulty,
                                "summary": p.summary, "tags": p.tags,
                                "parts": [{"part": n, "title": p.part_titles.get(n, p.title),
                                           "solved": (p.name, n) in solved} for n in p.parts]}
                               for p in items], indent=1))
        return
    plaintable.show(listings.problem_table(items, solved), sys.stdout)


def _solved_parts() -> set[tuple[str, int]]:
    """What the history says is solved, per part; an unreadable history unlocks nothing (and says so
    only when it matters: judge show --part names --peek)."""
    try:
        with _open_store() as store:
            return store.solved_parts()
    except StoreError:
        return set()


@cli.command()
@click.argument("problem")
@click.option("--part", type=click.IntRange(min=1), default=1, show_default=True,
              help="which part's spec (part N opens when part N-1 is accepted)")
@click.option("--peek", is_flag=True, help="show a part that is not open yet")
@click.option("--lang", "lang", type=click.Choice(LANGUAGE_NAMES), default="python", show_default=True,
              help="the language of the spec's signatures and examples")
def show(problem: str, part: int, peek: bool, lang: str) -> None:
    """Show a problem's spec (or one part's: what to add to the same file)."""
    from judge import catalog, render

    found = catalog.summary(problem)
    if part > 1:
        try:
            catalog.unlocked(found, part, _solved_parts())
        except PartLocked:
            if not peek:
                raise
            _err().print(f"judge: peeking: part {part - 1} of {problem} is not solved yet", style="yellow")
        earlier = "part 1" if part == 2 else f"parts 1-{part - 1}"
        _out().print(f"[bold]{found.title}[/], part {part} of {len(found.parts)}: {found.part_titles[part]} "
                     f"(the same file grows: keep {earlier} working)")
    render.print_spec(catalog.spec_for(found.spec_of(part), lang), _out())
    if part < len(found.parts):
        _out().print(f"[dim]when this part is accepted by a full run, judge show {problem} --part {part + 1} "
                     "opens the next[/]")


@cli.command()
@click.argument("problem")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="overwrite an existing file")
@lang_option()
def start(problem: str, path: Path | None, force: bool, lang: str | None) -> None:
    """Write the starter stub for PROBLEM (default ./PROBLEM.py)."""
    from judge import catalog

    found = catalog.summary(problem)
    if lang in (None, "python") and (path is None or path.suffix in ("", ".py")):
        # Python needs no language object: judge.languages imports the report models (pydantic)
        target = catalog.write_stub(found, path, force=force)
    else:
        from judge import languages

        language = languages.by_name(lang) if lang else languages.for_path(path) if path else languages.DEFAULT
        target = catalog.write_stub(found, path, force=force, extension=language.extensions[0],
                                    language=language.name, display=language.display)
    _out().print(f"wrote [bold]{target}[/]; read the spec with [bold]judge show {problem}[/], "
              f"then run [bold]judge run {problem} {target}[/]")


@cli.command()
@click.argument("problem")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@json_option("print the report as one JSON object")
@seed_option()
@sandbox_option()
@click.option("--quick", is_flag=True, help="fewer cases, no complexity checks: the fast edit-run loop")
@click.option("--no-complexity", is_flag=True, help="skip the complexity checks")
@click.option("--part", type=click.IntRange(min=1), default=None,
              help="which part of the problem (default 1; in a progressive session's folder, the part reached)")
@click.option("--time-limit", type=click.FloatRange(min=0.1), help="wall seconds per call (test case)")
@click.option("--wall-limit", type=click.FloatRange(min=1), help="wall seconds for the whole run")
@click.option("--cpu-limit", type=click.FloatRange(min=1), help="CPU seconds for the whole run")
@click.option("--memory-limit", type=click.IntRange(min=32), help="memory in MB")
def run(problem: str, file: Path | None, as_json: bool, seed: int | None, sandbox_name: str, quick: bool,
        no_complexity: bool, part: int | None, time_limit: float | None, wall_limit: float | None,
        cpu_limit: float | None, memory_limit: int | None) -> None:
    """Judge FILE (default ./PROBLEM.py) against PROBLEM's hidden tests."""
    _adopt_orphans()
    from judge import problems, render
    from judge.judging import Options, judge_file
    from judge.safetext import visible
    from judge.submission import Submission

    path = file or Path(f"{problem}.py")
    if part is None:
        from judge import sessions

        part = sessions.default_part(problem, [path.resolve().parent, Path.cwd()], _data_dir_flag())
    problems.load(problem).check_part(part)  # unknown problem or part: a usage error before anything else
    limits = {"call_seconds": time_limit, "wall_seconds": wall_limit, "cpu_seconds": cpu_limit,
              "memory_mb": memory_limit}
    options = Options(sandbox=sandbox_name, seed=seed, quick=quick, complexity=not no_complexity, limits=limits,
                      part=part)
    submission = Submission.read(path)  # read once: judged and recorded from the same bytes
    if as_json or not _err().is_terminal:
        report = judge_file(problem, submission, options)
    else:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=_err(), transient=True) as bar:
            task = bar.add_task("starting sandbox", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            options.progress = progress
            report = judge_file(problem, submission, options)
    notes = _record_run(report, submission, options, path)  # never raises: the verdict must not be lost
    if as_json:
        click.echo(report.model_dump_json(indent=1))
    else:
        render.report(report, _out())
    for text, style in notes:
        _err().print(visible(text), style=style, highlight=False, markup=False, soft_wrap=True)
    sys.exit(ExitCode.ACCEPTED if report.accepted else ExitCode.NOT_ACCEPTED)


@cli.command("doctor")
@json_option()
def doctor_cmd(as_json: bool) -> None:
    """Say which sandboxes work on this machine, and how to fix the ones that do not."""
    from judge import doctor, render

    rows = doctor.checks()
    if as_json:
        click.echo(json.dumps([row.__dict__ for row in rows], indent=1))
    else:
        render.doctor(rows, _out())
    sys.exit(0 if all(r.ok for r in rows if r.name in ("python", "sandbox auto")) else 1)


@cli.group("image")
def image_group() -> None:
    """The Docker runner image that `--sandbox docker` runs submissions in."""


@image_group.command("build")
@click.option("--offline", is_flag=True, help="debootstrap from the apt mirror; pull no base image")
@click.option("--force", is_flag=True, help="rebuild even if the image already exists")
def image_build(offline: bool, force: bool) -> None:
    """Build the runner image (from the Dockerfile if a registry is reachable, else offline)."""
    from judge.sandbox.docker import image

    result = image.build(offline=offline, force=force,
                         log=lambda line: _err().print(line, markup=False, highlight=False, soft_wrap=True))
    if result.method == "present":
        _out().print(f"{result.tag} is already built (use --force to rebuild it)")
    else:
        _out().print(f"built {result.tag} ({result.method}) in {result.seconds:.1f} s")


@image_group.command("status")
@json_option()
def image_status(as_json: bool) -> None:
    """Say whether the Docker engine answers and the runner image is there; exit 1 if not."""
    import dataclasses

    from judge.sandbox.docker import image

    status = image.status()
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(status), indent=1))
    else:
        state = f"present ({status.size_mb} MB, created {status.created})" if status.present else "missing"
        _out().print(f"engine: {status.engine_detail}\nimage {status.tag}: {state}", highlight=False)
        if status.fix:
            _out().print(f"fix: {status.fix}", highlight=False)
    sys.exit(0 if status.present else 1)


# -- history, stats, mock sessions, compare ----------------------------------------------------------


MARKER = ".judge-session.json"  # judge.sessions.MARKER, named here so `judge history` need not import sessions


def _cwd_marker() -> sessions.Marker | None:
    if not (Path.cwd() / MARKER).is_file():
        return None
    from judge import sessions

    found = sessions.find_marker([Path.cwd()])
    return found[0] if found else None


def _open_store() -> history.Store:
    """The history store: --data-dir, else the store of the session folder we are in, else the default."""
    from judge import history
    from judge.paths import data_dir

    flag, marker = _data_dir_flag(), _cwd_marker()
    if flag is None and marker is not None:
        return history.Store.open(marker.data_dir)
    return history.Store.open(data_dir(flag))


def _record_run(report: Report, submission: Submission, options: Options,
                path: Path) -> list[tuple[str, str]]:
    """Record a `judge run` in the history; returns the lines to show. A store that cannot be written
    costs a warning line, never the verdict (the report is printed and the exit status kept)."""
    from judge import sessions

    try:
        recorded = sessions.record_run(report, submission, options, explicit_dir=_data_dir_flag(),
                                       search=[path.resolve().parent, Path.cwd()])
    except StoreError as exc:
        return [(f"judge: warning: this attempt could not be recorded in the history: {exc}", "yellow")]
    notes = [(f"judge: warning: {text}", "yellow") for text in recorded.warnings]
    if recorded.opened:
        notes.append((recorded.opened, "bold green"))
    session, attempt = recorded.session, recorded.attempt
    if session is not None:
        if attempt.late:
            ended = session.ended_at is not None and session.ended_at < session.deadline
            why = (f"the session was ended at {session.ended_at.astimezone():%H:%M:%S}" if ended and session.ended_at
                   else f"the session's time ran out at {session.deadline.astimezone():%H:%M:%S}")
            notes.append((f"attempt #{attempt.id} in mock session {session.id}, marked LATE: {why}", "yellow"))
        else:
            left = int((session.deadline - attempt.created_at).total_seconds())
            notes.append((f"attempt #{attempt.id} in mock session {session.id} · "
                          f"{left // 60}:{left % 60:02d} left", "dim"))
    return notes


@cli.command("history")
@click.argument("problem", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True, help="newest N attempts")
@click.option("--show", "show_id", type=int, metavar="ID", help="show one attempt in full, with its code")
@json_option("print JSON (the code only with --show)")
def history_cmd(problem: str | None, limit: int, show_id: int | None, as_json: bool) -> None:
    """List your recorded attempts (of PROBLEM), newest first."""
    from judge import catalog, listings, plaintable

    if problem is not None:
        catalog.check_name(problem)  # a typo is an error, not "no attempts"
    with _open_store() as store:
        if show_id is not None:
            attempt = store.attempt(show_id)
            if attempt is None:
                raise JudgeError(f"no attempt #{show_id} in {store.path} (see `judge history`)")
            if as_json:
                click.echo(attempt.model_dump_json(indent=1))
            else:
                from judge import render

                render.attempt_detail(attempt, _out())
            return
        if as_json:
            rows = [a.model_dump(mode="json", exclude={"code"}) for a in store.attempts(problem, limit=limit)]
            click.echo(json.dumps(rows, indent=1))
            return
        attempts = store.listing(problem, limit=limit)
        where = store.path
    if not attempts:
        click.echo(f"no attempts{f' at {problem}' if problem else ''} yet in {where}; "
                   "judge one with: judge run PROBLEM FILE")
    else:
        plaintable.show(listings.history_table(attempts, title=f"attempts{f' at {problem}' if problem else ''}"),
                        sys.stdout)


@cli.command("stats")
@json_option()
def stats_cmd(as_json: bool) -> None:
    """Per problem, part and language: attempts, first accepted, best times, solved or not."""
    from judge import catalog, listings, plaintable

    with _open_store() as store:
        rows = store.stats(catalog.available())
    if as_json:
        click.echo(json.dumps([r.as_json() for r in rows], indent=1))
    else:
        plaintable.show(listings.stats_table(rows), sys.stdout)


def _session_options(f: Any) -> Any:
    """The options shared by `judge mock` (live) and `judge mock start`."""
    f = click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
                     help="session folder (default ./mock-ID)")(f)
    f = click.option("--count", type=click.IntRange(min=1), default=1, show_default=True,
                     help="how many problems to pick when --problems is not given")(f)
    f = click.option("--lang", "lang", type=click.Choice(LANGUAGE_NAMES), default="python", show_default=True,
                     help="the stubs' language")(f)
    f = click.option("--progressive", is_flag=True,
                     help="one problem, part by part: a full accept of a part opens the next (90 min unless "
                          "--minutes)")(f)
    f = click.option("--minutes", type=click.FloatRange(min=0, min_open=True), default=None,
                     help=f"session length (default {DEFAULT_MINUTES:g}; fractions work: 0.5 is 30 s)")(f)
    f = click.option("--problems", "problem_list", metavar="A,B",
                     help="problems to practise (default: one you have not solved yet)")(f)
    return f


def _names(problem_list: str | None) -> list[str] | None:
    names = [n.strip() for n in (problem_list or "").split(",") if n.strip()]
    return names or None


def _minutes(minutes: float | None, progressive: bool) -> float:
    return minutes if minutes is not None else PROGRESSIVE_MINUTES if progressive else DEFAULT_MINUTES


@cli.group("mock", invoke_without_command=True)
@_session_options
@sandbox_option("where the submissions run")
@click.pass_context
def mock(ctx: click.Context, problem_list: str | None, minutes: float | None, progressive: bool, lang: str,
         count: int, folder: Path | None, sandbox_name: str) -> None:
    """Timed mock interview: stubs in a folder, a live dashboard, final verdicts.

    Writes the starter stubs into a session folder, judges each file quickly whenever you save it,
    and takes the final verdicts (a full judge) when the time runs out or you type q + Enter.
    Without a terminal (scripts, tests) use `mock start`, `judge run` in the folder, `mock end`.
    """
    _adopt_orphans()
    from judge import catalog, dashboard, render, sessions
    from judge.judging import Options

    if ctx.invoked_subcommand is not None:
        given = [p.opts[0] for p in ctx.command.params if p.name
                 and ctx.get_parameter_source(p.name) is click.core.ParameterSource.COMMANDLINE]
        if given:  # `judge mock --minutes 5 start` would otherwise start a 45-minute session
            sub = ctx.invoked_subcommand
            raise click.UsageError(f"{', '.join(given)} before `{sub}` would be ignored; put options after "
                                   f"the subcommand: `judge mock {sub} {given[0]} ...`")
        return
    if not _out().is_terminal:
        raise JudgeError("the live dashboard needs a terminal; in scripts use `judge mock start`, "
                         "`judge run` in the session folder, then `judge mock end`")
    with _open_store() as store:
        started = sessions.start(store, problem_names=_names(problem_list), minutes=_minutes(minutes, progressive),
                                 folder=folder, count=count, progressive=progressive, language=lang)
        render.session_started(started, [catalog.summary(n) for n in started.session.problems], _out(),
                               live=True)
        live = sessions.LiveSession(store, started.session, Options(sandbox=sandbox_name, quick=True))
        report = dashboard.run(live, _out())
    render.session_report(report, _out())


@mock.command("start")
@_session_options
@json_option("print the session as JSON")
def mock_start(problem_list: str | None, minutes: float | None, progressive: bool, lang: str, count: int,
               folder: Path | None, as_json: bool) -> None:
    """Start a session without the dashboard (for scripts).

    Writes the stubs, the specs and a session marker into the folder: `judge run` there attaches
    its attempts to the session (marked late after the deadline).
    """
    from judge import catalog, render, sessions

    with _open_store() as store:
        started = sessions.start(store, problem_names=_names(problem_list), minutes=_minutes(minutes, progressive),
                                 folder=folder, count=count, progressive=progressive, language=lang)
    if as_json:
        click.echo(json.dumps({"session": started.session.model_dump(mode="json"),
                               "folder": str(started.folder),
                               "files": {k: str(v) for k, v in started.files.items()}}, indent=1))
    else:
        render.session_started(started, [catalog.summary(n) for n in started.session.problems], _out(),
                               live=False)


@mock.command("end")
@click.argument("session_id", metavar="[ID]", required=False)
@sandbox_option("where the final judging runs")
@json_option("print the session report as JSON")
def mock_end(session_id: str | None, sandbox_name: str, as_json: bool) -> None:
    """End a session and take the final verdicts (a full judge of each file).

    ID defaults to the session of the current folder, else the newest open session.
    """
    _adopt_orphans()
    from judge import render, sessions
    from judge.judging import Options

    with _open_store() as store:
        session = sessions.resolve(store, session_id, _cwd_marker(), open_only=session_id is None)
        options = Options(sandbox=sandbox_name)
        if as_json or not _err().is_terminal:
            report = sessions.end(store, session, "command", options)
        else:
            with _err().status("final verdicts") as status:

                def progress(problem: str, stage: str, done: int, total: int) -> None:
                    status.update(f"final verdict for {problem} (full judge): {stage} {done}/{total}")

                report = sessions.end(store, session, "command", options, progress)
    if as_json:
        click.echo(report.model_dump_json(indent=1))
    else:
        render.session_report(report, _out())


@mock.command("report")
@click.argument("session_id", metavar="[ID]", required=False)
@json_option()
def mock_report(session_id: str | None, as_json: bool) -> None:
    """Show a session's report.

    ID defaults to the session of the current folder, else the newest session.
    """
    from judge import render, sessions

    with _open_store() as store:
        report = sessions.summarize(store, sessions.resolve(store, session_id, _cwd_marker()))
    if as_json:
        click.echo(report.model_dump_json(indent=1))
    else:
        render.session_report(report, _out())


@cli.command("compare")
@click.argument("problem")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--spoil", is_flag=True, help="show the references before you have solved the problem")
@click.option("--part", type=click.IntRange(min=1), default=1, show_default=True,
              help="which part's references (unlocked by that part's accepted run)")
@seed_option("seed shared by both sides' workload")
@sandbox_option("where both sides run")
@json_option("print the comparison as one JSON object")
def compare_cmd(problem: str, file: Path | None, spoil: bool, part: int, seed: int | None, sandbox_name: str,
                as_json: bool) -> None:
    """Put your solution beside the reference solutions, measured on the same workload.

    FILE defaults to ./PROBLEM.py, else the code of your latest accepted attempt in the history.
    Unlocks after an accepted full run of PROBLEM or a finished mock session with it (or --spoil).
    """
    _adopt_orphans()
    from judge import compare, problems, render
    from judge.judging import Options

    problems.load(problem).check_part(part)
    store: history.Store | None = None
    try:
        store = _open_store()
    except StoreError as exc:
        if not spoil:
            raise StoreError(f"{exc} (needed to check that compare is unlocked; --spoil skips the check)"
                             ) from exc
    try:
        unlocked = compare.check_unlocked(store, problem, spoil, part)
        with compare.submission(problem, file, store) as (path, label):
            options = Options(sandbox=sandbox_name, seed=seed, part=part)
            reuse = compare.reusable(store, problem, path, seed, part)
            refs = len(problems.load(problem).at(part).meta.references)
            sides = f"{refs} reference{'s' if refs != 1 else ''}" + ("" if reuse else " and yours")
            _err().print(f"compare {problem}: one full judge of {sides} (tests and complexity checks)"
                         + (f"; yours is attempt #{reuse.id}, the same file" if reuse else ""), highlight=False,
                         markup=False, soft_wrap=True)
            if not _err().is_terminal:  # a log or a pipe: one line per stage, as it starts
                seen: set[str] = set()

                def stage(text: str) -> None:
                    head = text.rsplit(" ", 1)[0]
                    if head not in seen:
                        seen.add(head)
                        _err().print(f"measuring {head}", highlight=False, markup=False, soft_wrap=True)

                result = compare.compare(problem, path, label, unlocked=unlocked, options=options, progress=stage,
                                         reuse=reuse)
            else:
                with _err().status("measuring") as status:
                    result = compare.compare(problem, path, label, unlocked=unlocked, options=options,
                                             progress=lambda text: status.update(f"measuring {text}"), reuse=reuse)
    finally:
        if store is not None:
            store.close()
    if as_json:
        click.echo(result.model_dump_json(indent=1))
    else:
        render.comparison(result, _out())


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error a user can cause becomes one line and exit status 2.

    With no `argv` (the `judge` command, `python -m judge.cli`) the process is the CLI's alone, and it
    ends without the interpreter's teardown (`_leave`); a caller that passes `argv` gets the ordinary
    return or SystemExit."""
    if argv is not None:
        return _main(argv)
    try:
        result = _main(sys.argv[1:])
    except SystemExit as exc:
        result = exc.code
    _leave(result)


def _leave(code: object) -> NoReturn:
    """Exit as sys.exit(code) would, without the interpreter's teardown: freeing every module and
    object of the judging stack took 45 ms of a 0.45 s quick run, 17 ms of `judge list` (issue 12).
    What the teardown does that matters is done here: the atexit handlers (the orphan reaper, logging)
    and flushing stdout and stderr. No file is left open by then (the history is closed, caches are
    written whole); if a thread that is not a daemon still runs, the ordinary exit waits for it."""
    threading = sys.modules.get("threading")
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None or (threading is not None and any(
            t.is_alive() and not t.daemon and t is not threading.main_thread() for t in threading.enumerate())):
        sys.exit(code)  # type: ignore[arg-type]
    status = 0 if code is None else code if isinstance(code, int) else 1
    if not isinstance(code, int | None):
        print(code, file=sys.stderr)  # as sys.exit("message") does
    run_exit_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (judge list | head): what Python itself exits with then
        status = status or 120
    os._exit(status)


def _main(args: list[str]) -> Any:
    if not args:
        click.echo(cli.get_help(click.Context(cli, info_name="judge")))
        sys.exit(0)
    try:
        return cli.main(args=args, prog_name="judge", standalone_mode=False)
    except click.exceptions.Abort:
        _err().print("judge: interrupted")
        sys.exit(130)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _err().print(f"judge: error: {exc.format_message()}{hint}", highlight=False, soft_wrap=True)
        sys.exit(ExitCode.USAGE)
    except click.ClickException as exc:
        _err().print(f"judge: error: {exc.format_message()}", highlight=False, soft_wrap=True)
        sys.exit(ExitCode.USAGE)
    except JudgeError as exc:
        from judge.safetext import visible

        _err().print(f"judge: error: {visible(str(exc))}", highlight=False, soft_wrap=True, markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err().print("judge: interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug in the judge: still one line, with a way to report it
        from judge.safetext import visible

        # The exception may quote what the submission sent (a value, a message): never raw to the terminal.
        detail = visible(f"{type(exc).__name__}: {exc}")
        _err().print(f"judge: internal error: {detail} (please report it)", highlight=False, markup=False,
                     soft_wrap=True)
        sys.exit(ExitCode.INTERNAL)


if __name__ == "__main__":
    main()
