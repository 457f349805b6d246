"""The hidden suite, run against the submission and the reference side by side.

Cases come from the suite's explicit EXAMPLES, the failures remembered from earlier runs, then
generated ones: Hypothesis in a full run, the case bank (judge/casebank.py: cases Hypothesis drew
once, with the reference's answers) in a quick run. Every case runs whole in the sandbox in one
request and is compared step by step with the reference's answers; the first step that differs fails
the case, which is then shrunk (by Hypothesis where it generated the case, then by `minimize`).
Failures of the sandbox itself (a limit hit, a crash) stop the run at once: shrinking a case that
takes the whole wall-time limit each try would take minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any

from judge import languages, protocol, replies, values
from judge.languages import Language
from judge.models import Counterexample, StepResult, Verdict
from judge.problems import Problem
from judge.sandbox.base import SandboxFailure
from judge.suite import Step, is_new
from judge.worker import Worker

# Hypothesis is imported where it runs (a full run's generated cases), never at import: a quick run
# takes its cases from the bank (judge/casebank.py) and must not pay for importing it. The bank is
# named here for annotations only.
if TYPE_CHECKING:
    from judge.casebank import Bank


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

    def __init__(self, problem: Problem, module: ModuleType | None = None) -> None:
        self.problem, self.entry, self._module = problem, problem.meta.entry, module

    @cached_property
    def module(self) -> ModuleType:
        return self._module or self.problem.reference()

    def encoded(self, steps: list[Step]) -> list[Any]:
        """Each step's result in its wire form (what the case bank stores)."""
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
            out.append(protocol.encode_value(result))
        return out

    def run(self, steps: list[Step]) -> list[Any]:
        return [protocol.decode_value(v) for v in self.encoded(steps)]


class CaseChecker:
    """Runs a case in the worker and compares every step with the reference's answer: computed here,
    or given (a banked case's stored answers, when the reference need not run at all)."""

    def __init__(self, problem: Problem, runner: Worker, *, suite_compares: bool = True) -> None:
        self.problem, self.runner = problem, runner
        self.reference = ReferenceRunner(problem)
        # A banked quick run knows whether the suite has its own `equal`; only then is the suite
        # (and Hypothesis, which every suite imports) loaded to compare.
        self.suite_compares = suite_compares
        self.tol = problem.meta.tests

    @cached_property
    def equal(self) -> Callable[..., bool] | None:
        return getattr(self.problem.suite, "equal", None) if self.suite_compares else None

    def check(self, steps: list[Step], expected: list[Any] | None = None) -> None:
        if expected is None:
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
    """Shrink a failing case by dropping calls: cut everything after the failing call, then drop
    windows of calls, halving the window down to single calls (delta debugging), while the case
    still fails the same way. What is left is 1-minimal: no single call can go.

    Runs on hand-written, remembered and banked cases, and after Hypothesis on generated ones (calls
    a suite adds around the generated ones, the final look at the whole book, only this pass drops).
    A subsequence of a valid case stays valid for these problems (ids stay unique, times in order).
    Windows are tried from the back, and a pass goes on before a window it removed rather than
    starting over: a case of 120 calls that shrinks to 4 takes 37 tries, where dropping one call at a
    time took 240 (tests/test_casebank.py); each try is a round trip to the sandbox."""
    best = failed
    window = max(1, (best.index + 1) // 2)
    while True:
        best, removed = _drop_windows(checker, best, window, failed.got.ok)
        if window > 1:
            window = max(1, min(window // 2, (best.index + 1) // 2))
        elif not removed:
            return renumbered(checker, best, failed.got.ok)


def _drop_windows(checker: CaseChecker, best: CaseFailed, window: int, ok: bool) -> tuple[CaseFailed, bool]:
    """One pass from the back: drop each window of `window` calls (the constructor stays) if the case
    without it fails the same way."""
    steps = best.steps[: best.index + 1]
    removed = False
    end = len(steps)
    while end > 0:
        start = max(0, end - window)
        candidate = [s for i, s in enumerate(steps) if not (start <= i < end and not is_new(s[0]))]
        if len(candidate) < len(steps):
            try:
                checker.check(candidate)
            except CaseFailed as smaller:
                if smaller.got.ok == ok:  # the same kind of failure, not a new bug
                    best, removed = smaller, True
                    steps = best.steps[: best.index + 1]
                    end = min(start, len(steps))  # the calls before the window did not move
                    continue
        end = start
    return best, removed


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


Explicit = tuple[str, list[Step], "list[Any] | None"]  # (origin, steps, the reference's answers if known)


class SuiteRun:
    """One run of a problem's suite against one worker: the explicit cases, then the generated ones
    (Hypothesis in a full run, the case bank in a quick run)."""

    def __init__(self, problem: Problem, worker: Worker, language: Language, *, seed: int, part: int,
                 progress: Progress | None, suite_compares: bool = True) -> None:
        self.problem, self.language, self.seed, self.part = problem, language, seed, part
        self.checker = CaseChecker(problem, worker, suite_compares=suite_compares)
        self.progress = progress
        self.run, self.passed, self.total = 0, 0, 0

    def explicit(self, cases: list[Explicit]) -> SuiteResult | None:
        """The suite's EXAMPLES and the remembered failures, each reduced if it fails."""
        for origin, steps, expected in cases:
            failure = self.one(steps, expected, origin, "reduced")
            if failure is not None:
                return failure
        return None

    def one(self, steps: list[Step], expected: list[Any] | None, origin: str, shrunk: str) -> SuiteResult | None:
        """Run one counted case; a failure is reduced by `minimize` and becomes the run's result."""
        self.run += 1
        try:
            self.checker.check(steps, expected)
        except CaseFailed as failed:
            try:
                smaller = minimize(self.checker, failed)
            except Fatal as exc:
                return self.fatal(exc, origin)
            calls = smaller.index + 1
            return self.failed(smaller, f"{origin}, {shrunk} to {calls} call{'s' if calls != 1 else ''}")
        except Fatal as exc:
            return self.fatal(exc, origin)
        self.passed += 1
        self.tick()
        return None

    def banked(self, bank: Bank, count: int) -> SuiteResult | None:
        """A quick run's generated cases: `count` of the bank's, picked by the seed, checked against
        the answers stored with them. The first failure is shrunk by `minimize` (Hypothesis, which
        drew them, is not even imported)."""
        for index, case in bank.pick(self.seed, count):
            origin = f"generated case {index + 1} of the quick cases, picked by seed {self.seed}"
            failure = self.one(case.steps, case.expected, origin, "shrunk")
            if failure is not None:
                return failure
        return None

    def generated(self, max_examples: int) -> SuiteResult | None:
        """Hypothesis: the first failing case is shrunk (the last CaseFailed raised is the minimal one)."""
        from hypothesis import HealthCheck, Phase, Verbosity, given, settings
        from hypothesis import seed as hypothesis_seed

        from judge import failcache

        failcache.keep_hypothesis_files_here()  # no .hypothesis/ in the folder the judge is run from
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
        failure, steps = exc.failure, exc.steps
        if failure.verdict is Verdict.TIME_LIMIT_EXCEEDED and failure.step is not None:
            return self.hung(exc, origin, failure.step)
        return self.result(
            failure.verdict, message=failure.message, limit=failure.limit, failing_steps=steps,
            counterexample=Counterexample(
                code=case_code(self.problem, self.language, steps), steps=len(steps),
                failing_step=len(steps) - 1, call="",
                note=_fatal_note(failure.verdict, origin, len(steps)),
            ),
        )

    def hung(self, exc: Fatal, origin: str, index: int) -> SuiteResult:
        """A time limit with the call that was running named (the harness said which): the case is
        shown up to that call, which is marked, and remembered that far for the next run."""
        failure = exc.failure
        steps = exc.steps[: index + 1]
        lines = case_code(self.problem, self.language, steps).splitlines()
        call = lines[-1].strip().rstrip(";")
        within = f"within the {failure.limit}" if failure.limit else "in time"
        lines[-1] += f"{'':3}{self.language.comment} <- did not return {within}"
        note = (f"this case ({origin}) triggered it; it was not shrunk, since each try costs the limit; "
                "running it shows the same hang")
        return self.result(
            failure.verdict, message=f"call {index + 1}, {call}, did not return {within}", limit=failure.limit,
            failing_steps=steps,
            counterexample=Counterexample(code="\n".join(lines), steps=len(steps), failing_step=index, call=call,
                                          note=note),
        )


def _fatal_note(verdict: Verdict, origin: str, calls: int) -> str:
    """Where a case hit a limit and the harness did not say which call was running (a language whose
    harness does not, or a call stuck in one C function): the judge knows the case, not the call."""
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
    part: int | None = None,
    language: Language | None = None,
    progress: Progress | None = None,
    bank: Bank | None = None,
) -> SuiteResult:
    """Explicit cases first (the suite's examples, then failures remembered from earlier runs), then
    `max_examples` generated ones; the first failure ends the run with its minimal case. With a
    `bank` (a quick run) the examples and generated cases come from it, with the reference's answers.

    The part is the problem's (`problems.load(name).at(n)`); `part` moves to another one. Cases,
    examples and reference always come from one and the same part."""
    if part is not None:
        problem = problem.at(part)
    part = problem.part
    run = SuiteRun(problem, worker, language or languages.DEFAULT, seed=seed, part=part, progress=progress,
                   suite_compares=bank.suite_compares if bank is not None else True)
    explicit: list[Explicit]
    if bank is not None:
        explicit = [(f"example '{name}'", case.steps, case.expected) for name, case in bank.examples]
    else:
        explicit = [(f"example '{name}'", steps, None) for name, steps in problem.examples(part).items()]
    explicit += [("a case that failed on an earlier run", steps, None) for steps in remembered]
    run.total = len(explicit) + (min(max_examples, len(bank)) if bank is not None else max_examples)
    failure = run.explicit(explicit)
    if failure is None:
        failure = run.banked(bank, max_examples) if bank is not None else run.generated(max_examples)
    return failure or run.result(Verdict.ACCEPTED)
