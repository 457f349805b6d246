"""judge_file: the one entry point that `judge run`, mock sessions, compare and the tests share.

A run is a few named steps, each returning an `Outcome` when it decides the verdict (load the
submission, run the cases, check the complexity) and None when judging goes on.
"""

from __future__ import annotations

import dataclasses
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge import casebank, failcache, problems, sandbox
from judge.correctness import run_suite
from judge.languages import Language
from judge.models import Counterexample, Limits, Report, Verdict
from judge.problems import Problem
from judge.runner import Runner
from judge.sandbox.base import SandboxFailure
from judge.submission import Submission
from judge.worker import Worker

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Options:
    sandbox: str = "auto"
    seed: int | None = None
    quick: bool = False  # fewer examples and no complexity checks: the fast edit-run loop
    part: int = 1
    complexity: bool = True
    limits: dict[str, Any] = field(default_factory=dict)
    remember_failures: bool = True
    progress: Progress | None = None

    def but(self, **changes: Any) -> Options:
        """A copy with some fields changed: every field not named is carried over (part included)."""
        return dataclasses.replace(self, **changes)


# Opens the worker a run is judged in: the sandboxed Runner by default; tests pass an in-process one.
WorkerFactory = Callable[[Submission, Limits, dict[str, Any]], Worker]


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    message: str
    limit: str | None = None


def judge_file(problem_name: str, source: Path | Submission, options: Options | None = None, *,
               open_worker: WorkerFactory | None = None) -> Report:
    options = options or Options()
    began = time.perf_counter()
    problem = problems.load(problem_name).at(options.part)  # the part as a problem of its own
    submission = source if isinstance(source, Submission) else Submission.read(source)
    limits = problem.limits(options.limits)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    # Before spending a sandbox: import (and validate) the suite, or for a quick run read its case
    # bank (built from the suite the first time, which takes seconds: not while a sandbox waits).
    bank = casebank.load(problem, options.part, _building(options.progress)) if options.quick else None
    if bank is None:
        _ = problem.suite
    entry = problem.meta.entry.model_dump()
    if open_worker is None:
        backend = sandbox.choose(options.sandbox)
        name, warning = backend.name, backend.warning
        worker: Worker = Runner(backend, submission, limits, entry)
    else:
        name, warning = "in-process", None
        worker = open_worker(submission, limits, entry)
    report = Report(
        verdict=Verdict.INTERNAL_ERROR, problem=problem.name, submission=str(submission.path), sandbox=name,
        sandbox_warning=warning, seed=seed, quick=options.quick, part=options.part,
    )
    if bank is not None and bank.built_seconds is not None:
        report.notes.append(f"the first quick run of {problem.name} part {options.part} drew its quick cases "
                            f"({bank.built_seconds:.1f} s, once; later quick runs reuse them)")
    try:
        outcome = (_load(worker, report, submission.language)
                   or _tests(problem, worker, report, options, submission.language, bank)
                   or _complexity(problem, worker, report, options, submission.language)
                   or _accepted(report, options))
    finally:
        worker.close()  # first: output still in flight (Docker's attach stream) is drained by then
        report.stderr = worker.output
    report.verdict, report.message, report.limit = outcome.verdict, outcome.message, outcome.limit
    _user_file_names(report, submission)
    report.timings.total = round(time.perf_counter() - began, 4)
    return report


def _user_file_names(report: Report, submission: Submission) -> None:
    """Tracebacks and syntax errors name the file the user edits, not the harness's copy of it
    (the sandbox sees every submission as solution.py or solution.js). Python quotes the name
    ("solution.py", line 3); node writes it before a position (solution.js:7:5)."""
    inside, mine = submission.language.solution_file, submission.path.name
    pattern = re.compile(rf'(?<![\w./-]){re.escape(inside)}(?=["]|:\d)')

    def named(text: str) -> str:
        return pattern.sub(lambda _: mine, text)

    report.message = named(report.message)
    ce = report.counterexample
    if ce is not None and ce.traceback:
        ce.traceback = named(ce.traceback)


def _load(worker: Worker, report: Report, language: Language) -> Outcome | None:
    try:
        loaded = worker.start()
    except SandboxFailure as failure:
        return Outcome(failure.verdict, failure.message, failure.limit)
    report.timings.sandbox_start = round(worker.start_seconds, 4)
    report.notes += worker.notes()
    status = loaded.get("status")
    if status == "ready":
        return None
    if status == "compile_error":
        return Outcome(Verdict.COMPILE_ERROR, str(loaded.get("error", "")))
    if status == "import_error":
        error_type = loaded.get("error_type")
        # No case to paste: loading the file is what reproduces it, in the language's own words.
        report.counterexample = Counterexample(
            code=language.import_line(str(error_type)), steps=0, failing_step=0,
            call="loading your file", got=f"{error_type}: {loaded.get('error')}", traceback=loaded.get("traceback"),
        )
        return Outcome(Verdict.RUNTIME_ERROR, f"importing your file raised {error_type}")
    return Outcome(Verdict.INTERNAL_ERROR, f"unexpected harness reply {status!r}")


def _building(progress: Progress | None) -> casebank.Building | None:
    return (lambda done, total: progress("drawing the quick cases (once)", done, total)) if progress else None


def _tests(problem: Problem, worker: Worker, report: Report, options: Options,
           language: Language, bank: casebank.Bank | None = None) -> Outcome | None:
    began = time.perf_counter()
    examples = problem.meta.tests.quick_examples if options.quick else problem.meta.tests.max_examples
    remembered = failcache.recall(problem.name, options.part) if options.remember_failures else []
    progress = options.progress
    result = run_suite(
        problem, worker, seed=report.seed, max_examples=examples, remembered=remembered, part=options.part,
        language=language, bank=bank,
        progress=(lambda done, total: progress("tests", done, total)) if progress else None,
    )
    report.timings.tests = round(time.perf_counter() - began, 4)
    report.tests_run, report.tests_passed = result.tests_run, result.tests_passed
    report.tests_total = result.tests_total
    report.counterexample = result.counterexample
    if result.verdict is Verdict.ACCEPTED:
        return None
    if result.failing_steps and options.remember_failures:
        failcache.remember(problem.name, result.failing_steps, options.part)
    return Outcome(result.verdict, result.message, result.limit)


def _complexity(problem: Problem, worker: Worker, report: Report, options: Options,
                language: Language) -> Outcome | None:
    if options.quick or not options.complexity:
        return None
    began = time.perf_counter()
    try:
        from judge.profiling import run_checks  # here: a quick run has no complexity checks to import

        report.complexity = run_checks(worker, problem, report.seed, options.progress, language.weighs_memory)
    except SandboxFailure as failure:
        return Outcome(failure.verdict, f"{failure.message} (during the complexity checks)", failure.limit)
    finally:
        report.timings.complexity = round(time.perf_counter() - began, 4)
    settings = problem.meta.complexity
    if not language.weighs_memory and settings and any(c.metric == "memory" for c in settings.checks):
        report.notes.append(f"memory checks are not run for {language.display} yet (its heap readings are too "
                            "noisy to decide them); the time checks are")
    failed = [row for row in report.complexity if not row.passed]
    if failed:
        names = ", ".join(f"{r.name} is {r.observed}, expected {r.expected}" for r in failed)
        return Outcome(Verdict.COMPLEXITY_FAILED, names)
    return None


def _accepted(report: Report, options: Options) -> Outcome:
    if options.quick:
        report.notes.append("quick mode: fewer cases and no complexity checks; run without --quick to submit")
    message = f"all {report.tests_run} cases passed"
    if report.complexity and all(row.determined for row in report.complexity):
        message += " and every complexity check is within its bound"
    elif report.complexity:
        # Undetermined rows pass (the evidence did not show a clear excess) but are never called fine.
        message += "; some complexity checks could not be decided (rerun to decide them), the others are within " \
                   "their bounds"
    return Outcome(Verdict.ACCEPTED, message)
