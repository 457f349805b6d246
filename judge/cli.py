"""The `judge` command: parse, call one library function, render. No judging logic lives here."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from judge import __version__, doctor, problems, render, sandbox
from judge.errors import ExitCode, JudgeError
from judge.judging import Options, judge_file

out = Console()
err = Console(stderr=True)


def _sandbox_names() -> list[str]:
    return ["auto", *sandbox.BACKENDS]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="judge")
def cli() -> None:
    """Practise trading-systems live-coding problems against hidden tests, in a sandbox."""


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def list_cmd(as_json: bool) -> None:
    """List the problems."""
    items = problems.all_problems()
    if as_json:
        import json

        click.echo(json.dumps([{"name": p.name, "title": p.meta.title, "difficulty": p.meta.difficulty,
                                "summary": p.meta.summary} for p in items], indent=1))
        return
    out.print(render.problem_table(items))


@cli.command()
@click.argument("problem")
def show(problem: str) -> None:
    """Show a problem's spec."""
    out.print(render.spec(problems.load(problem)))


@cli.command()
@click.argument("problem")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="overwrite an existing file")
def start(problem: str, path: Path | None, force: bool) -> None:
    """Write the starter stub for PROBLEM (default ./PROBLEM.py)."""
    p = problems.load(problem)
    target = path or Path(f"{problem}.py")
    if target.is_dir():
        target = target / f"{problem}.py"
    if target.exists() and not force:
        raise JudgeError(f"{target} already exists; use --force to overwrite it")
    if not p.template_path.is_file():
        raise JudgeError(f"problem {problem!r} has no starter stub at {p.template_path}")
    shutil.copyfile(p.template_path, target)
    out.print(f"wrote [bold]{target}[/]; read the spec with [bold]judge show {problem}[/], "
              f"then run [bold]judge run {problem} {target}[/]")


@cli.command()
@click.argument("problem")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="print the report as one JSON object")
@click.option("--seed", type=int, help="Hypothesis seed, to reproduce a run")
@click.option("--sandbox", "sandbox_name", default="auto", show_default=True,
              type=click.Choice(_sandbox_names()), help="where the submission runs")
@click.option("--quick", is_flag=True, help="fewer cases, no complexity checks: the fast edit-run loop")
@click.option("--no-complexity", is_flag=True, help="skip the complexity checks")
@click.option("--time-limit", type=click.FloatRange(min=0.1), help="wall seconds per call (test case)")
@click.option("--wall-limit", type=click.FloatRange(min=1), help="wall seconds for the whole run")
@click.option("--cpu-limit", type=click.FloatRange(min=1), help="CPU seconds for the whole run")
@click.option("--memory-limit", type=click.IntRange(min=32), help="memory in MB")
def run(problem: str, file: Path | None, as_json: bool, seed: int | None, sandbox_name: str, quick: bool,
        no_complexity: bool, time_limit: float | None, wall_limit: float | None, cpu_limit: float | None,
        memory_limit: int | None) -> None:
    """Judge FILE (default ./PROBLEM.py) against PROBLEM's hidden tests."""
    problems.load(problem)  # an unknown problem is a usage error before anything else
    limits = {"call_seconds": time_limit, "wall_seconds": wall_limit, "cpu_seconds": cpu_limit,
              "memory_mb": memory_limit}
    options = Options(sandbox=sandbox_name, seed=seed, quick=quick, complexity=not no_complexity, limits=limits)
    path = file or Path(f"{problem}.py")
    if as_json or not err.is_terminal:
        report = judge_file(problem, path, options)
    else:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("starting sandbox", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            options.progress = progress
            report = judge_file(problem, path, options)
    if as_json:
        click.echo(report.model_dump_json(indent=1))
    else:
        render.report(report, out)
    sys.exit(ExitCode.ACCEPTED if report.accepted else ExitCode.NOT_ACCEPTED)


@cli.command("doctor")
@click.option("--json", "as_json", is_flag=True)
def doctor_cmd(as_json: bool) -> None:
    """Say which sandboxes work on this machine, and how to fix the ones that do not."""
    rows = doctor.checks()
    if as_json:
        import json

        click.echo(json.dumps([row.__dict__ for row in rows], indent=1))
    else:
        render.doctor(rows, out)
    sys.exit(0 if all(r.ok for r in rows if r.name in ("python", "sandbox auto")) else 1)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error a user can cause becomes one line and exit status 2."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        click.echo(cli.get_help(click.Context(cli, info_name="judge")))
        sys.exit(0)
    try:
        return cli.main(args=args, prog_name="judge", standalone_mode=False)
    except click.exceptions.Abort:
        err.print("judge: interrupted")
        sys.exit(130)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        err.print(f"judge: error: {exc.format_message()}{hint}", highlight=False, soft_wrap=True)
        sys.exit(ExitCode.USAGE)
    except click.ClickException as exc:
        err.print(f"judge: error: {exc.format_message()}", highlight=False, soft_wrap=True)
        sys.exit(ExitCode.USAGE)
    except JudgeError as exc:
        err.print(f"judge: error: {exc}", highlight=False, soft_wrap=True, markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("judge: interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug in the judge: still one line, with a way to report it
        err.print(f"judge: internal error: {type(exc).__name__}: {exc} (please report it)", highlight=False,
                  markup=False, soft_wrap=True)
        sys.exit(ExitCode.INTERNAL)


if __name__ == "__main__":
    main()
