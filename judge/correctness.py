"""The hidden suite, run against the submission and the reference side by side.

Cases come from the suite's explicit EXAMPLES, the failures remembered from earlier runs, then
Hypothesis. Every case runs whole in the sandbox in one request and step by step on the reference in
the judge's process; the first step that differs fails the case, and Hypothesis shrinks it. Failures
of the sandbox itself (a limit hit, a crash) stop the run at once: shrinking a case that takes the
whole wall-time limit each try would take minutes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from judge import protocol, values
from judge.models import Counterexample, StepResult, Verdict
from judge.problems import Problem
from judge.sandbox.base import SandboxFailure
from judge.suite import Step
from judge.worker import Worker


class CaseFailed(Exception):
    """A case in which the submission differs from the reference (or raises where it should not)."""

    def __init__(self, steps: list[Step], index: int, expected: Any, got: StepResult) -> None:
        super().__init__(f"step {index} differs")
        self.steps, self.index, self.expected, self.got = steps, index, expected, got


class Fatal(BaseException):  # BaseException: Hypothesis must not catch and shrink it
    def __init__(self, failure: SandboxFailure, steps: list[Step]) -> None:
        super().__init__(str(failure))
        self.failure, self.steps = failure, steps


@dataclass
class SuiteResult:
    verdict: Verdict
    tests_run: int = 0
    tests_passed: int = 0
    message: str = ""
    limit: str | None = None
    counterexample: Counterexample | None = None
    failing_steps: list[Step] | None = None
    notes: list[str] = field(default_factory=list)


class ReferenceRunner:
    """Runs steps on the reference in-process; values go through the wire encoding like the harness's."""

    def __init__(self, problem: Problem, module: ModuleType) -> None:
        self.entry, self.module = problem.meta.entry, module

    def run(self, steps: list[Step]) -> list[Any]:
        instance: Any = None
        out: list[Any] = []
        for name, args in steps:
            if name == "new":
                instance = getattr(self.module, self.entry.name)(*args)
                out.append(None)
                continue
            target = getattr(instance, name) if self.entry.kind == "class" else getattr(self.module, name)
            result = target(*args)  # an exception here is a bug in the suite: let it surface
            out.append(protocol.decode_value(protocol.encode_value(result)))
        return out


class CaseChecker:
    def __init__(self, problem: Problem, runner: Worker) -> None:
        self.problem, self.runner = problem, runner
        self.reference = ReferenceRunner(problem, problem.reference())
        self.equal: Callable[..., bool] | None = getattr(problem.suite, "equal", None)
        self.tol = problem.meta.tests

    def check(self, steps: list[Step]) -> None:
        expected = self.reference.run(steps)
        wire = protocol.encode_steps(steps)
        try:
            reply = self.runner.request({"op": "run", "steps": wire}, what=f"running a case of {len(steps)} calls")
        except SandboxFailure as failure:
            raise Fatal(failure, steps) from None
        results = [StepResult(**r) for r in reply.get("results", [])]
        for index, (step, want) in enumerate(zip(steps, expected, strict=False)):
            if index >= len(results):
                raise Fatal(SandboxFailure(Verdict.INTERNAL_ERROR, "the harness returned too few results"), steps)
            got = results[index]
            if not got.ok:
                raise CaseFailed(steps, index, want, got)
            value = protocol.decode_value(got.value)
            got.value = value
            if step[0] != "new" and not self._same(step, want, value):
                raise CaseFailed(steps, index, want, got)

    def _same(self, step: Step, expected: Any, got: Any) -> bool:
        if self.equal is not None:
            return bool(self.equal(step, expected, got, self.tol))
        return values.equal(expected, got, self.tol.float_rel_tol, self.tol.float_abs_tol)


def minimize(checker: CaseChecker, failed: CaseFailed) -> CaseFailed:
    """Shrink a hand-written or remembered failing case the way Hypothesis shrinks generated ones:
    cut everything after the failing call, then drop single calls while the case still fails.
    A subsequence of a valid case stays valid for these problems (ids stay unique, times in order)."""
    best = failed
    changed = True
    while changed:
        changed = False
        steps = best.steps[: best.index + 1]
        for i in range(len(steps) - 1, -1, -1):
            if steps[i][0] == "new":
                continue
            candidate = steps[:i] + steps[i + 1 :]
            try:
                checker.check(candidate)
            except CaseFailed as smaller:
                if smaller.got.ok == failed.got.ok:  # the same kind of failure, not a new bug
                    best, changed = smaller, True
                    break
    return best


def case_code(problem: Problem, steps: list[Step], upto: int | None = None) -> str:
    """The case as Python the user can paste under their solution and run."""
    entry = problem.meta.entry
    var = entry.instance
    lines = []
    if entry.kind == "functions":
        lines.append(f"from solution import {', '.join(entry.functions)}")
        if any(_has_decimal(args) for _, args in steps):
            lines.insert(0, "from decimal import Decimal")
    for name, args in steps[: None if upto is None else upto + 1]:
        arglist = ", ".join(_literal(a) for a in args)
        if name == "new":
            lines.append(f"{var} = {entry.name}({arglist})")
        elif entry.kind == "class":
            lines.append(f"{var}.{name}({arglist})")
        else:
            lines.append(f"{name}({arglist})")
    return "\n".join(lines)


def _has_decimal(args: list[Any]) -> bool:
    return any("Decimal(" in _literal(a) for a in args)


def _literal(value: Any) -> str:
    text = repr(value)
    return re.sub(r"^'(.*)'$", r'"\1"', text) if isinstance(value, str) and '"' not in value else text


def counterexample(problem: Problem, failed: CaseFailed) -> Counterexample:
    code = case_code(problem, failed.steps, failed.index)
    lines = code.splitlines()
    marker = "   # <- expected {}, got {}"
    got = failed.got
    if got.ok:
        lines[-1] += marker.format(values.show(failed.expected), values.show(got.value))
    else:
        lines[-1] += f"   # <- raised {got.error_type}"
    advice = getattr(problem.suite, "advice", None)
    note = advice(failed.steps, failed.index, failed.expected, got.value if got.ok else None) if advice else None
    return Counterexample(
        code="\n".join(lines),
        steps=failed.index + 1,
        failing_step=failed.index,
        call=lines[-1].split("   # <-")[0].strip(),
        expected=values.show(failed.expected),
        got=values.show(got.value) if got.ok else f"{got.error_type}: {got.error}",
        traceback=got.traceback,
        note=note,
    )


def run_suite(
    problem: Problem,
    runner: Worker,
    *,
    seed: int,
    max_examples: int,
    remembered: list[list[Step]],
    progress: Callable[[int, int], None] | None = None,
) -> SuiteResult:
    checker = CaseChecker(problem, runner)
    result = SuiteResult(Verdict.ACCEPTED)
    explicit = [(f"example '{name}'", steps) for name, steps in problem.suite.EXAMPLES.items()]
    explicit += [("a case that failed on an earlier run", steps) for steps in remembered]
    total = len(explicit) + max_examples

    def fail(failed: CaseFailed, origin: str) -> SuiteResult:
        result.verdict = Verdict.WRONG_ANSWER if failed.got.ok else Verdict.RUNTIME_ERROR
        result.counterexample = counterexample(problem, failed)
        result.failing_steps = failed.steps[: failed.index + 1]
        what = "returned a wrong value" if failed.got.ok else f"raised {failed.got.error_type}"
        result.message = f"{result.counterexample.call} {what} ({origin})"
        return result

    def fatal(exc: Fatal, origin: str) -> SuiteResult:
        result.verdict = exc.failure.verdict
        result.message = exc.failure.message
        result.limit = exc.failure.limit
        result.failing_steps = exc.steps
        result.counterexample = Counterexample(
            code=case_code(problem, exc.steps), steps=len(exc.steps), failing_step=len(exc.steps) - 1,
            call="", note=f"this case ({origin}) triggered it; it was not shrunk, since each try costs the limit",
        )
        return result

    for origin, steps in explicit:
        result.tests_run += 1
        try:
            checker.check(steps)
        except CaseFailed as failed:
            try:
                smaller = minimize(checker, failed)
            except Fatal as exc:
                return fatal(exc, origin)
            return fail(smaller, f"{origin}, reduced to {smaller.index + 1} calls")
        except Fatal as exc:
            return fatal(exc, origin)
        result.tests_passed += 1
        if progress:
            progress(result.tests_run, total)

    state = {"failing": False}

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,  # no .hypothesis/ in the user's folder; we remember failures ourselves
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @given(problem.suite.cases())
    def hypothesis_case(steps: list[Step]) -> None:
        if not state["failing"]:
            result.tests_run += 1
        try:
            checker.check(steps)
        except CaseFailed:
            if not state["failing"]:
                state["failing"] = True
            raise
        if not state["failing"]:
            result.tests_passed += 1
            if progress:
                progress(result.tests_run, total)

    try:
        hypothesis_seed(seed)(hypothesis_case)()
    except CaseFailed as failed:  # the last one raised is the shrunk, minimal case
        return fail(failed, f"found by Hypothesis with seed {seed}, shrunk to {failed.index + 1} calls")
    except Fatal as exc:
        return fatal(exc, f"generated by Hypothesis with seed {seed}")
    return result
