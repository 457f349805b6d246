"""judge_file: the one entry point that `judge run`, mock sessions, compare and the tests share."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge import failcache, languages, problems, sandbox
from judge.correctness import run_suite
from judge.errors import SubmissionNotFound
from judge.models import Counterexample, Report, Timings, Verdict
from judge.profiling import run_checks
from judge.runner import Runner
from judge.sandbox.base import SandboxFailure

MAX_SUBMISSION_BYTES = 1024 * 1024


@dataclass
class Options:
    sandbox: str = "auto"
    seed: int | None = None
    quick: bool = False  # fewer examples and no complexity checks: the fast edit-run loop
    part: int = 1
    complexity: bool = True
    limits: dict[str, Any] = field(default_factory=dict)
    remember_failures: bool = True
    progress: Callable[[str, int, int], None] | None = None


def read_submission(path: Path) -> Path:
    """Check the file before any sandbox starts, so a typo costs one clear line and no time."""
    if not path.exists():
        raise SubmissionNotFound(f"no such file: {path} (write one with `judge start PROBLEM`)")
    if path.is_dir():
        raise SubmissionNotFound(f"{path} is a directory, not a solution file")
    if not path.is_file():  # a FIFO would block for ever, a device never end
        raise SubmissionNotFound(f"{path} is not a regular file")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            f.read(1)
    except OSError as exc:
        raise SubmissionNotFound(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_SUBMISSION_BYTES:
        raise SubmissionNotFound(f"{path} is {size:,} bytes; a solution may be at most {MAX_SUBMISSION_BYTES:,}")
    return path


def judge_file(problem_name: str, path: Path, options: Options | None = None) -> Report:
    options = options or Options()
    began = time.perf_counter()
    problem = problems.load(problem_name)
    problem.check_part(options.part)
    read_submission(path)
    limits = problem.limits(options.limits)
    backend = sandbox.choose(options.sandbox)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    report = Report(
        verdict=Verdict.INTERNAL_ERROR, problem=problem.name, submission=str(path), sandbox=backend.name,
        sandbox_warning=backend.warning, seed=seed, quick=options.quick, part=options.part,
    )
    entry = problem.meta.entry.model_dump()
    _ = problem.suite  # import (and validate) the suite before spending a sandbox on it
    with Runner(backend, path, limits, entry, languages.for_path(path)) as runner:
        try:
            loaded = runner.start()
        except SandboxFailure as failure:
            return _finish(report, runner, began, failure.verdict, failure.message, limit=failure.limit)
        report.timings.sandbox_start = round(runner.start_seconds, 4)
        status = loaded.get("status")
        if status == "compile_error":
            return _finish(report, runner, began, Verdict.COMPILE_ERROR, loaded.get("error", ""))
        if status == "import_error":
            report.counterexample = Counterexample(
                code=f"import solution  # <- raised {loaded.get('error_type')}", steps=0, failing_step=0,
                call="import solution", got=f"{loaded.get('error_type')}: {loaded.get('error')}",
                traceback=loaded.get("traceback"),
            )
            return _finish(report, runner, began, Verdict.RUNTIME_ERROR,
                           f"importing your file raised {loaded.get('error_type')}")
        if status != "ready":
            return _finish(report, runner, began, Verdict.INTERNAL_ERROR, f"unexpected harness reply {status!r}")

        tests_began = time.perf_counter()
        examples = problem.meta.tests.quick_examples if options.quick else problem.meta.tests.max_examples
        remembered = failcache.recall(problem.name) if options.remember_failures else []
        progress = options.progress
        outcome = run_suite(
            problem, runner, seed=seed, max_examples=examples, remembered=remembered,
            progress=(lambda done, total: progress("tests", done, total)) if progress else None,
        )
        report.timings.tests = round(time.perf_counter() - tests_began, 4)
        report.tests_run, report.tests_passed = outcome.tests_run, outcome.tests_passed
        report.counterexample = outcome.counterexample
        if outcome.verdict is not Verdict.ACCEPTED:
            if outcome.failing_steps and options.remember_failures:
                failcache.remember(problem.name, outcome.failing_steps)
            return _finish(report, runner, began, outcome.verdict, outcome.message, limit=outcome.limit)

        if options.complexity and not options.quick:
            complexity_began = time.perf_counter()
            try:
                report.complexity = run_checks(runner, problem, seed, progress)
            except SandboxFailure as failure:
                report.timings.complexity = round(time.perf_counter() - complexity_began, 4)
                return _finish(report, runner, began, failure.verdict,
                               f"{failure.message} (during the complexity checks)", limit=failure.limit)
            report.timings.complexity = round(time.perf_counter() - complexity_began, 4)
            failed = [row for row in report.complexity if not row.passed]
            if failed:
                names = ", ".join(f"{r.name} is {r.observed}, expected {r.expected}" for r in failed)
                return _finish(report, runner, began, Verdict.COMPLEXITY_FAILED, names)
        elif options.quick:
            report.notes.append("quick mode: fewer cases and no complexity checks; run without --quick to submit")
        message = f"all {report.tests_run} cases passed"
        if report.complexity:
            message += " and every complexity check is within its bound" if all(r.determined for r in report.complexity) else "; some complexity checks could not be decided (rerun to decide them), the others are within their bounds"  # noqa: E501
        return _finish(report, runner, began, Verdict.ACCEPTED, message)


def _finish(report: Report, runner: Runner, began: float, verdict: Verdict, message: str,
            limit: str | None = None) -> Report:
    report.verdict = verdict
    report.message = message
    report.limit = limit
    report.stderr = runner.output
    report.timings = Timings(**{**report.timings.model_dump(), "total": round(time.perf_counter() - began, 4)})
    return report
