"""The hidden suite, run against the submission and the reference side by side.

Cases come from the suite's explicit EXAMPLES, the failures remembered from earlier runs, then
Hypothesis. Every case runs whole in the sandbox in one request and step by step on the reference in
the judge's process; the first step that differs fails the case, and Hypothesis shrinks it. Failures
of the sandbox itself (a limit hit, a crash) stop the run at once: shrinking a case that takes the
whole wall-time limit each try would take minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from judge import languages, protocol, replies, values
from judge.languages import Language
from judge.models import Counterexample, StepResult, Verdict
from judge.problems import Problem
from judge.sandbox.base import SandboxFailure
from judge.suite import Step, is_new
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
    tests_total: int = 0  # the cases the run would have had, had none failed
    message: str = ""
    limit: str | None = None
    counterexample: Counterexample | None = None
    failing_steps: list[Step] | None = None


class ReferenceRunner:
    """Runs steps on the reference in-process; values go through the wire encoding like the harness's."""

    def __init__(self, problem: Problem, module: ModuleType) -> None:
        self.entry, self.module = problem.meta.entry, module

    def run(self, steps: list[Step]) -> list[Any]:
        instance: Any = None
        out: list[Any] = []
        for name, args in steps:
            if is_new(name):
                instance = getattr(self.module, name.partition(":")[2] or self.entry.name)(*args)
                out.append(None)
                continue
            # After a constructor, calls go to that instance; before one, to module functions (a
            # functions problem whose later part adds a class has both kinds of case).
            target = getattr(instance, name) if instance is not None else getattr(self.module, name)
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
        try:  # the reply is the submission's data: a forged or short one is its runtime_error
            results = replies.step_results(reply, len(steps))
        except replies.BadReply as bad:
            raise Fatal(replies.BadReply(f"{bad.message} while running a case of {len(steps)} calls"),
                        steps) from None
        for index, (step, want, got) in enumerate(zip(steps, expected, results, strict=False)):
            if not got.ok:
                raise CaseFailed(steps, index, want, got)
            if not is_new(step[0]) and not self._same(step, want, got.value):
                raise CaseFailed(steps, index, want, got)

    def _same(self, step: Step, expected: Any, got: Any) -> bool:
        if self.equal is not None:
            try:
                return bool(self.equal(step, expected, got, self.tol))
            except Exception:
                # The problem's comparison choked on what the submission returned (an odd type, say):
                # the generic comparison still decides, and the judge's own bug is logged, not blamed.
                logging.getLogger(__name__).exception("equal() of problem %s raised", self.problem.name)
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
            if is_new(steps[i][0]):
                continue
            candidate = steps[:i] + steps[i + 1 :]
            try:
                checker.check(candidate)
            except CaseFailed as smaller:
                if smaller.got.ok == failed.got.ok:  # the same kind of failure, not a new bug
                    best, changed = smaller, True
                    break
    return renumbered(checker, best, failed.got.ok)


def renumbered(checker: CaseChecker, failed: CaseFailed, ok: bool) -> CaseFailed:
    """The case with its ids renumbered from 1, when the problem's suite says how (an optional
    `renumber(steps) -> steps`): a shrunk case whose first order is `submit(5, ...)` reads as if
    something were missing. Kept only if it still fails the same way."""
    renumber = getattr(checker.problem.suite, "renumber", None)
    if renumber is None:
        return failed
    try:
        steps = renumber([list(step) for step in failed.steps[: failed.index + 1]])
        checker.check(steps)
    except CaseFailed as same:
        return same if same.got.ok == ok else failed
    except Fatal:  # the renumbered case hit a limit: keep the case as found
        return failed
    except Exception:  # the suite's hook is a nicety: its bug must not cost the verdict
        logging.getLogger(__name__).exception("renumber() of problem %s raised", checker.problem.name)
    return failed


def case_code(problem: Problem, language: Language, steps: list[Step], upto: int | None = None) -> str:
    """The case as code the user can paste under their solution and run: what its values need comes
    first (a Decimal argument needs `from decimal import Decimal`, which the solution may not have)."""
    shown = steps[: None if upto is None else upto + 1]
    return "\n".join(language.preamble(shown) + language.case_lines(problem.meta.entry, shown))


def _advice(problem: Problem, failed: CaseFailed) -> str | None:
    """The problem's hint for this failure. A hint is a nicety: if the problem's own code raises, the
    verdict stands without it (and the judge, not the user, has a bug to fix)."""
    advice = getattr(problem.suite, "advice", None)
    if advice is None:
        return None
    got = failed.got.value if failed.got.ok else None
    try:
        note = advice(failed.steps, failed.index, failed.expected, got)
    except Exception:
        logging.getLogger(__name__).exception("advice() of problem %s raised", problem.name)
        return None
    return note if isinstance(note, str) else None


def counterexample(problem: Problem, language: Language, failed: CaseFailed) -> Counterexample:
    lines = case_code(problem, language, failed.steps, failed.index).splitlines()
    got = failed.got
    marker = f"{'':3}{language.comment} <- "
    call = lines[-1]
    constructor = is_new(failed.steps[failed.index][0])
    if got.ok:
        # Printed, so that running the pasted case shows the wrong value, not nothing
        lines[-1] = language.printed(call)
        lines[-1] += f"{marker}expected {language.show(failed.expected)}, got {language.show(got.value)}"
    else:
        lines[-1] += f"{marker}raised {got.error_type}"
    return Counterexample(
        code="\n".join(lines),
        steps=failed.index + 1,
        failing_step=failed.index,
        call=call.strip().rstrip(";"),
        expected=None if constructor else language.show(failed.expected),
        got=language.show(got.value) if got.ok else f"{got.error_type}: {got.error}",
        traceback=got.traceback,
        note=_advice(problem, failed),
    )


Progress = Callable[[int, int], None]


class SuiteRun:
    """One run of a problem's suite against one worker: the explicit cases, then Hypothesis."""

    def __init__(self, problem: Problem, worker: Worker, language: Language, *, seed: int, part: int,
                 progress: Progress | None) -> None:
        self.problem, self.language, self.seed, self.part = problem, language, seed, part
        self.checker = CaseChecker(problem, worker)
        self.progress = progress
        self.run, self.passed, self.total = 0, 0, 0

    def explicit(self, cases: list[tuple[str, list[Step]]]) -> SuiteResult | None:
        """The suite's EXAMPLES and the remembered failures, each reduced if it fails."""
        for origin, steps in cases:
            self.run += 1
            try:
                self.checker.check(steps)
            except CaseFailed as failed:
                try:
                    smaller = minimize(self.checker, failed)
                except Fatal as exc:
                    return self.fatal(exc, origin)
                calls = smaller.index + 1
                return self.failed(smaller, f"{origin}, reduced to {calls} call{'s' if calls != 1 else ''}")
            except Fatal as exc:
                return self.fatal(exc, origin)
            self.passed += 1
            self.tick()
        return None

    def generated(self, max_examples: int) -> SuiteResult | None:
        """Hypothesis: the first failing case is shrunk (the last CaseFailed raised is the minimal one)."""
        shrinking = False

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
        @given(self.problem.cases(self.part))
        def case(steps: list[Step]) -> None:
            nonlocal shrinking
            if shrinking:  # shrinking tries are not cases of the suite: they are not counted
                self.checker.check(steps)
                return
            self.run += 1
            try:
                self.checker.check(steps)
            except CaseFailed:
                shrinking = True
                raise
            self.passed += 1
            self.tick()

        try:
            hypothesis_seed(self.seed)(case)()
        except CaseFailed as found:
            # Hypothesis shrinks what it generated; calls a suite adds around the generated ones (the
            # final look at the whole book) only the judge's own pass can drop.
            try:
                failed = minimize(self.checker, found)
            except Fatal:
                failed = found
            calls = failed.index + 1
            return self.failed(failed, f"found by Hypothesis with seed {self.seed}, shrunk to {calls} "
                                       f"call{'s' if calls != 1 else ''}")
        except Fatal as exc:
            return self.fatal(exc, f"generated by Hypothesis with seed {self.seed}")
        return None

    def tick(self) -> None:
        if self.progress:
            self.progress(self.run, self.total)

    def result(self, verdict: Verdict, **fields: Any) -> SuiteResult:
        return SuiteResult(verdict, tests_run=self.run, tests_passed=self.passed, tests_total=self.total, **fields)

    def failed(self, failed: CaseFailed, origin: str) -> SuiteResult:
        example = counterexample(self.problem, self.language, failed)
        what = "returned a wrong value" if failed.got.ok else f"raised {failed.got.error_type}"
        if isinstance(failed.got.value, protocol.Unfit):  # say what it was: "an int with 5,001 digits"
            what = f"returned {failed.got.value.text}"
        return self.result(
            Verdict.WRONG_ANSWER if failed.got.ok else Verdict.RUNTIME_ERROR,
            message=f"{example.call} {what} ({origin})", counterexample=example,
            failing_steps=failed.steps[: failed.index + 1],
        )

    def fatal(self, exc: Fatal, origin: str) -> SuiteResult:
        steps = exc.steps
        return self.result(
            exc.failure.verdict, message=exc.failure.message, limit=exc.failure.limit, failing_steps=steps,
            counterexample=Counterexample(
                code=case_code(self.problem, self.language, steps), steps=len(steps),
                failing_step=len(steps) - 1, call="",
                note=_fatal_note(exc.failure.verdict, origin, len(steps)),
            ),
        )


def _fatal_note(verdict: Verdict, origin: str, calls: int) -> str:
    """Where a case hit a limit: the sandbox runs a case whole, so the judge knows the case, not the
    call; for a hang, running the pasted case and pressing Ctrl-C names the call in the traceback."""
    note = f"this case ({origin}) triggered it; it was not shrunk, since each try costs the limit"
    if verdict is Verdict.TIME_LIMIT_EXCEEDED and calls > 1:
        note += ("; one of its calls did not return in time: run the case and press Ctrl-C, the traceback "
                 "names the call that hangs")
    return note


def run_suite(
    problem: Problem,
    worker: Worker,
    *,
    seed: int,
    max_examples: int,
    remembered: list[list[Step]],
    part: int = 1,
    language: Language | None = None,
    progress: Progress | None = None,
) -> SuiteResult:
    """Explicit cases first (the suite's examples, then failures remembered from earlier runs), then
    `max_examples` generated ones; the first failure ends the run with its minimal case."""
    run = SuiteRun(problem, worker, language or languages.DEFAULT, seed=seed, part=part, progress=progress)
    explicit = [(f"example '{name}'", steps) for name, steps in problem.examples(part).items()]
    explicit += [("a case that failed on an earlier run", steps) for steps in remembered]
    run.total = len(explicit) + max_examples
    return run.explicit(explicit) or run.generated(max_examples) or run.result(Verdict.ACCEPTED)
