"""`judge compare`: your solution beside the reference solution(s), measured on the same workload.

The references are the judge's own trusted code, but they are measured exactly like a submission:
judge_file on the reference file, through a sandbox, with the same seed (so the same cases and the
same complexity workload) as your file. That keeps one code path for profiling and makes the ratios
fair: both sides pay the same sandbox and harness overhead.

Compare is a spoiler, so it unlocks only after a full accepted run of the problem or a finished mock
session that included it (both read from the history); `spoil=True` skips the check.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from judge import languages, problems
from judge.errors import CompareLocked, JudgeError
from judge.history import Store
from judge.judging import Options, judge_file
from judge.languages import Language
from judge.models import ComplexityRow, Report, Verdict
from judge.problem_meta import Reference
from judge.problems import Problem
from judge.records import Attempt
from judge.submission import Submission


class LineCount(BaseModel):
    total: int  # physical lines
    code: int  # lines with code on them: no blank, comment-only or docstring lines


class Side(BaseModel):
    label: str  # "yours" or the reference's title
    file: str
    code: str
    lines: LineCount
    verdict: Verdict
    message: str = ""
    complexity: list[ComplexityRow] = []


class ReferenceSide(Side):
    idea: str = ""
    stated_complexity: str = ""  # what problem.yaml says; `complexity` holds what was measured


class Cell(BaseModel):
    """One side's measurement of one operation, at the largest size both sides reached."""

    observed: str | None = None  # the fitted complexity class
    size: int | None = None
    cost: float | None = None  # seconds (or bytes, for a memory check) per operation at `size`
    ratio: float | None = None  # your cost / this reference's cost at the same size (references only)


class Operation(BaseModel):
    name: str
    description: str
    metric: str
    expected: str
    yours: Cell
    references: list[Cell]


class Comparison(BaseModel):
    problem: str
    seed: int
    part: int = 1
    unlocked_by: str  # why compare is allowed: the accepted run, the session, or "--spoil"
    yours: Side
    references: list[ReferenceSide]
    operations: list[Operation]
    reused: int | None = None  # the history attempt whose measurements stand for your side, if any


# -- unlocking --------------------------------------------------------------------------------------


def unlocked_by(store: Store, problem: str, part: int = 1) -> str | None:
    """Why `problem`'s `part` may be compared, or None while it is still locked: each part unlocks
    its own references (part 2's show how part 2 is done)."""
    # One row per part and language: the earliest accepted run of the part in any language unlocks it
    accepted = [s.first_accepted_at for s in store.stats([problem])
                if s.problem == problem and s.part == part and s.first_accepted_at is not None]
    if accepted:
        return f"accepted on {min(accepted).astimezone():%Y-%m-%d %H:%M}"
    for session in store.sessions():
        # A session unlocks only if its end judged your file: a stub never edited is not an attempt
        if session.ended and problem in session.problems and any(
                a.final and a.problem == problem and a.part == part for a in store.attempts(session_id=session.id)):
            return f"mock session {session.id} ended with your {problem} judged"
    return None


def check_unlocked(store: Store | None, problem: str, spoil: bool, part: int = 1) -> str:
    if spoil:
        return "--spoil"
    assert store is not None
    reason = unlocked_by(store, problem, part)
    if reason is None:
        flag, which = ("", problem) if part == 1 else (f" --part {part}", f"{problem} part {part}")
        raise CompareLocked(
            f"compare {which} unlocks after an accepted `judge run {problem} FILE{flag}` (a full run, not "
            f"--quick) or a finished `judge mock` session in which you wrote it; pass --spoil to see "
            "the references now"
        )
    return reason


# -- what to compare --------------------------------------------------------------------------------


@contextmanager
def submission(problem: str, file: Path | None, store: Store | None) -> Iterator[tuple[Path, str]]:
    """The file to compare, as (path, label): FILE; else ./PROBLEM.py; else the code of the latest
    accepted (else latest) attempt in the history, written to a temporary file for the sandbox."""
    if file is not None:
        yield Submission.read(file).path, str(file)
        return
    default = Path(f"{problem}.py")
    if default.is_file():
        yield Submission.read(default).path, str(default)
        return
    attempts = store.attempts(problem, limit=200) if store is not None else []
    if not attempts:
        raise JudgeError(f"no {default} here and no attempt at {problem} in the history; "
                         f"name the file: `judge compare {problem} FILE`")
    chosen = (next((a for a in attempts if a.solved), None)
              or next((a for a in attempts if a.accepted), attempts[0]))
    full = store.attempt(chosen.id) if store is not None and chosen.id is not None else None
    if full is None or full.code is None:
        raise JudgeError(f"attempt {chosen.id} has no stored code; name the file: "
                         f"`judge compare {problem} FILE`")
    when = f"{chosen.created_at.astimezone():%Y-%m-%d %H:%M}"
    with tempfile.TemporaryDirectory(prefix="judge-compare-") as tmp:
        path = Path(tmp) / f"{problem}.py"
        path.write_text(full.code, encoding="utf-8")
        yield path, f"history attempt #{chosen.id} ({when}, {chosen.verdict.value})"


# -- measuring --------------------------------------------------------------------------------------


def count_lines(code: str, language: Language) -> LineCount:
    return LineCount(total=len(code.splitlines()), code=language.count_lines(code))


def _cell(row: ComplexityRow | None, other: ComplexityRow | None) -> Cell:
    """`row`'s cost at the largest size that `row` and `other` both measured."""
    if row is None:
        return Cell()
    sizes = [n for n in row.sizes if other is None or n in other.sizes] or row.sizes
    if not sizes:
        return Cell(observed=row.observed)
    size = sizes[-1]
    return Cell(observed=row.observed, size=size, cost=row.values[row.sizes.index(size)])


def operations(yours: list[ComplexityRow], refs: list[list[ComplexityRow]],
               checks: Sequence[tuple[str, str, str, str]]) -> list[Operation]:
    """One row per complexity check: each side's class and cost, and your cost as a ratio to each
    reference's, taken at the largest size both sides reached (a slow side may stop early)."""
    mine = {r.name: r for r in yours}
    result = []
    for name, description, metric, expected in checks:
        cells = []
        for rows in refs:
            theirs = {r.name: r for r in rows}.get(name)
            ref_cell = _cell(theirs, mine.get(name))
            your_cell = _cell(mine.get(name), theirs)
            if ref_cell.cost and your_cell.cost is not None and ref_cell.size == your_cell.size:
                ref_cell.ratio = round(your_cell.cost / ref_cell.cost, 2)
            cells.append(ref_cell)
        first_ref = {r.name: r for r in refs[0]}.get(name) if refs else None
        result.append(Operation(name=name, description=description, metric=metric, expected=expected,
                                yours=_cell(mine.get(name), first_ref), references=cells))
    return result


def _side(label: str, path: Path, shown_as: str, report: Report) -> dict[str, Any]:
    code = path.read_text(encoding="utf-8", errors="replace")
    lines = count_lines(code, languages.for_path(path))
    return {"label": label, "file": shown_as, "code": code, "lines": lines,
            "verdict": report.verdict, "message": report.message, "complexity": report.complexity}


def reusable(store: Store | None, problem: str, path: Path, seed: int | None, part: int = 1) -> Attempt | None:
    """Your latest full run of exactly this file (same sha256) with its complexity rows, if the
    history has one: compare then measures only the references, with that run's seed, so the
    workload is the same and your side costs nothing (issue 12: one full verdict per side at most)."""
    if store is None:
        return None
    try:
        digest = Submission.read(path).sha256
    except JudgeError:
        return None
    for attempt in store.attempts(problem, limit=50):
        if (attempt.full and attempt.code_sha256 == digest and attempt.complexity and attempt.part == part
                and (seed is None or attempt.seed == seed)):
            return attempt
    return None


def _report_of(attempt: Attempt) -> Report:
    return Report(verdict=attempt.verdict, problem=attempt.problem, submission=attempt.submission,
                  sandbox=attempt.sandbox, seed=attempt.seed, message=attempt.message,
                  complexity=attempt.complexity)


def references_in(problem: Problem, language: Language) -> list[tuple[Reference, Path]]:
    """The references to set beside a file in `language`. problem.yaml lists them (in Python); each
    one's translation is found by convention, the same stem with the language's extension beside it
    (reference.js next to reference.py). The translated ones are shown in the user's language; where
    there is none, the listed ones, as the only references there are."""
    listed = []
    for ref in problem.meta.references:
        ref_path = problem.folder / ref.file
        if not ref_path.is_file():
            raise JudgeError(f"{problem.folder / 'problem.yaml'} lists reference {ref.file!r}, "
                             "which does not exist")
        listed.append((ref, ref_path))
    translated = []
    for ref, ref_path in listed:
        twins = [ref_path.with_suffix(ext) for ext in language.reference_extensions]
        twin = ref_path if ref_path in twins else next((t for t in twins if t.is_file()), None)
        if twin is not None:
            translated.append((ref, twin))
    return translated or listed


def compare(problem_name: str, path: Path, label: str, *, unlocked: str, options: Options | None = None,
            progress: Callable[[str], None] | None = None, reuse: Attempt | None = None) -> Comparison:
    """Judge your file and each reference with one seed, and line them up. With `reuse` (see
    `reusable`), your side is that recorded run and the references are measured with its seed."""
    base = options or Options()
    problem = problems.load(problem_name).at(base.part)  # the part's references and checks
    seed = base.seed if base.seed is not None else random.SystemRandom().randrange(1, 2**31)
    if reuse is not None:
        seed = reuse.seed

    def judge(target: Path, what: str) -> Report:
        # remember_failures=False: a comparison must not feed the failure cache of `judge run`.
        run_options = base.but(seed=seed, quick=False, complexity=True, remember_failures=False, progress=None)
        if progress is not None:
            run_options.progress = lambda stage, done, total: progress(f"{what}: {stage} {done}/{total}")
        return judge_file(problem_name, target, run_options)

    yours_report = _report_of(reuse) if reuse is not None else judge(path, "your solution")
    references = []
    for index, (ref, ref_path) in enumerate(references_in(problem, languages.for_path(path))):
        report = judge(ref_path, f"reference {index + 1} ({ref.title})")
        shown = f"problems/{problem.name}/{ref_path.name}"
        references.append(ReferenceSide(**_side(ref.title, ref_path, shown, report), idea=ref.idea,
                                        stated_complexity=ref.complexity))
    checks = [(c.name, c.description, c.metric, c.expected)
              for c in (problem.meta.complexity.checks if problem.meta.complexity else [])]
    return Comparison(
        problem=problem_name, part=base.part, seed=seed, unlocked_by=unlocked, reused=reuse.id if reuse else None,
        yours=Side(**_side("yours", path, label, yours_report)), references=references,
        operations=operations(yours_report.complexity, [r.complexity for r in references], checks),
    )
