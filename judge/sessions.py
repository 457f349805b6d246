"""Mock sessions: a timed practice round in a folder of starter stubs, with attempts attached to it.

A session is a row in the history store plus a folder holding one stub per problem, the specs, and a
marker file (`.judge-session.json`) naming the session and the store. `judge run` finds the marker
next to the file or in the current directory and attaches its attempt to the session, flagged late
after the deadline. Ending a session takes the final verdicts (a full judge of each file) and saves
them as attempts marked `final`; the report is computed from the stored attempts, so the live
dashboard, `judge mock end` and `judge mock report` all show the same numbers.

No printing here: the live dashboard (judge/dashboard.py) and the CLI render what these return.
"""

from __future__ import annotations

import random
import secrets
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ValidationError

from judge import catalog
from judge.errors import JudgeError, StoreError
from judge.history import Store, attempt_from_report, now
from judge.models import ComplexityRow, Report, Verdict
from judge.paths import data_dir
from judge.records import Attempt, SessionRecord

if TYPE_CHECKING:  # judging is imported by the functions that judge: `judge history` must stay light
    from judge.judging import Options
    from judge.submission import Submission

MARKER = ".judge-session.json"
DEFAULT_MINUTES = 45.0
PROGRESSIVE_MINUTES = 90.0


class Marker(BaseModel):
    """What the session folder remembers: enough for `judge run` to find the session's store."""

    session_id: str
    data_dir: str
    problems: list[str]
    deadline: datetime


class ProblemResult(BaseModel):
    problem: str
    file: str
    attempts: int  # runs during the session (on-save judging included; final verdicts not)
    late_attempts: int = 0
    latest_verdict: Verdict | None = None
    final_verdict: Verdict | None = None  # None until the session ends (or if the file was missing)
    final_message: str = ""
    final_late: bool = False  # the file was saved after the deadline
    final_tests: str = ""  # "passed/run"
    # From the session start, late attempts not counted; only when the final verdict agrees (accepted)
    # or is not taken yet: a quick pass the full judge then rejected is not an accepted solution.
    first_accepted_seconds: float | None = None
    first_accepted_full: bool = False  # False: the first accepted run was a quick (on-save) check
    first_quick_pass_seconds: float | None = None  # the first quick pass, when the final verdict disagrees
    untouched: bool = False  # the file was still the starter stub at the end: no final verdict taken
    complexity: list[ComplexityRow] = []  # the final verdict's rows
    part: int = 1  # the part reached (progressive sessions): the final verdict is taken at it
    parts: int = 1  # how many parts the problem has
    # Progressive sessions: part -> seconds from the start to its first full accepted run, on time
    part_seconds: dict[int, float] = {}


class SessionReport(BaseModel):
    session: SessionRecord
    status: Literal["running", "time is up", "ended"]
    seconds_left: float
    results: list[ProblemResult]


# -- choosing and starting --------------------------------------------------------------------------


def pick_problems(available: list[str], solved: set[str], requested: list[str] | None = None, count: int = 1,
                  rng: random.Random | None = None) -> list[str]:
    """The requested problems, checked; else `count` problems the user has not solved, at random
    (topped up with solved ones when too few are left, so a session can always start)."""
    if requested:
        for name in requested:
            catalog.summary(name)  # an unknown name raises UnknownProblem with the list of known ones
        return list(dict.fromkeys(requested))
    if not available:
        raise JudgeError("there are no problems to practise (see `judge list`)")
    rng = rng or random.Random()
    unsolved = [name for name in available if name not in solved]
    done = [name for name in available if name in solved]
    rng.shuffle(unsolved)
    rng.shuffle(done)
    return (unsolved + done)[: max(1, count)]


def _with_stubs() -> list[str]:
    """The problems a session can hand out: those with a starter stub (a broken package is skipped
    here; naming it in --problems still reports what is wrong with it)."""
    names = []
    for name in catalog.available():
        try:
            if catalog.summary(name).template_path().is_file():
                names.append(name)
        except JudgeError:
            continue
    return names


def new_session_id(store: Store) -> str:
    while True:
        candidate = secrets.token_hex(3)  # short enough to type in `judge mock end ID`
        if store.session(candidate) is None:
            return candidate


@dataclass
class Started:
    session: SessionRecord
    folder: Path
    files: dict[str, Path]
    specs: dict[str, Path]


def start(store: Store, *, problem_names: list[str] | None = None, minutes: float = DEFAULT_MINUTES,
          folder: Path | None = None, count: int = 1, when: datetime | None = None,
          rng: random.Random | None = None, progressive: bool = False, language: str = "python") -> Started:
    """Create the session in the store, then write the stubs, specs and marker into its folder.

    A progressive session has one problem with parts: part 1's spec first, each next part's spec
    written into the folder when the current part is accepted by a full run (LiveSession.judge)."""
    from judge import languages

    if minutes <= 0:
        raise JudgeError(f"--minutes must be more than 0, not {minutes:g}")
    lang = languages.by_name(language)
    if progressive and problem_names and len(problem_names) > 1:
        raise JudgeError("a progressive session is one problem, its parts in order: name one with --problems")
    with_parts = [n for n in _with_stubs() if len(catalog.summary(n).parts) > 1] if progressive else _with_stubs()
    if progressive and not problem_names and not with_parts:
        raise JudgeError("no problem has parts yet, so there is nothing to practise progressively")
    chosen = pick_problems(with_parts, store.solved(), problem_names, 1 if progressive else count, rng)
    loaded = [catalog.summary(name) for name in chosen]
    if progressive and len(loaded[0].parts) < 2:
        raise JudgeError(f"problem {loaded[0].name!r} has one part: a progressive session needs a problem with "
                         "parts (see judge list)")
    session_id = new_session_id(store)
    target = (folder or Path(f"mock-{session_id}")).resolve()
    if (target / MARKER).exists():
        raise JudgeError(f"{target} already holds a mock session; choose another --dir")
    files = {p.name: target / f"{p.name}{lang.extensions[0]}" for p in loaded}
    specs = {p.name: target / f"{p.name}.spec.md" for p in loaded}
    stubs = {p.name: catalog.stub_path(p, lang.extensions[0], lang.name) for p in loaded}
    for p in loaded:
        if not stubs[p.name].is_file():
            raise JudgeError(f"problem {p.name!r} has no {lang.display} starter stub at {stubs[p.name]}")
        if files[p.name].exists():
            raise JudgeError(f"{files[p.name]} already exists; choose another --dir")
    began = when or now()
    session = SessionRecord(id=session_id, started_at=began, deadline=began + timedelta(minutes=minutes),
                            minutes=minutes, problems=chosen, folder=str(target), progressive=progressive,
                            language=lang.name)
    # The store first: if it cannot be written, nothing is left behind in the folder.
    store.create_session(session)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for p in loaded:
            shutil.copyfile(stubs[p.name], files[p.name])
            specs[p.name].write_text(catalog.spec_for(p.spec, lang.name), encoding="utf-8")
        marker = Marker(session_id=session_id, data_dir=str(store.path.parent.resolve()), problems=chosen,
                        deadline=session.deadline)
        (target / MARKER).write_text(marker.model_dump_json(indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise JudgeError(f"cannot write the session folder {target}: {exc.strerror or exc}") from exc
    return Started(session=session, folder=target, files=files, specs=specs)


def session_file(session: SessionRecord, problem: str) -> Path:
    from judge import languages

    return Path(session.folder) / f"{problem}{languages.by_name(session.language).extensions[0]}"


def part_spec_file(session: SessionRecord, problem: str, part: int) -> Path:
    return Path(session.folder) / (f"{problem}.spec.md" if part == 1 else f"{problem}.part{part}.spec.md")


def solved_parts(session: SessionRecord, attempts: Iterable[Attempt]) -> dict[int, float]:
    """Part -> seconds from the session start to its first full accepted run, on time (the user's
    runs: the final verdict, taken when the session ends, is reported as itself)."""
    found: dict[int, float] = {}
    for a in sorted(attempts, key=lambda a: (a.created_at, a.id or 0)):
        if a.full and a.accepted and not a.late and not a.final and a.part not in found:
            found[a.part] = round((a.created_at - session.started_at).total_seconds(), 1)
    return found


def reached_part(session: SessionRecord, problem: str, attempts: Iterable[Attempt]) -> int:
    """The part being worked on: the first not yet accepted, in order (the last once all are)."""
    if not session.progressive:
        return 1
    solved, last = solved_parts(session, attempts), len(catalog.summary(problem).parts)
    part = 1
    while part in solved and part < last:
        part += 1
    return part


# -- finding a session ------------------------------------------------------------------------------


def find_marker(folders: Iterable[Path]) -> tuple[Marker, Path] | None:
    """The first session marker in `folders` (the file's folder, then the current directory)."""
    for folder in folders:
        path = folder / MARKER
        if not path.is_file():
            continue
        try:
            return Marker.model_validate_json(path.read_text(encoding="utf-8")), path
        except (OSError, ValidationError, ValueError) as exc:
            problem = type(exc).__name__
            raise JudgeError(f"{path} is not a readable session marker ({problem}); delete it") from exc
    return None


def store_folder(explicit: Path | None, marker: Marker | None) -> Path:
    """Where the history lives: --data-dir wins, then the session marker's store, then the default."""
    if explicit is not None:
        return data_dir(explicit)
    if marker is not None:
        return Path(marker.data_dir)
    return data_dir()


def resolve(store: Store, session_id: str | None, marker: Marker | None, *,
            open_only: bool = False) -> SessionRecord:
    """The named session; else the marker's; else the newest (open) one."""
    wanted = session_id or (marker.session_id if marker else None)
    if wanted:
        session = store.session(wanted)
        if session is None:
            raise JudgeError(f"no mock session {wanted!r} in {store.path} "
                             "(pass --data-dir if it lives elsewhere)")
        return session
    found = store.sessions(open_only=open_only)
    if not found:
        kind = "open mock session" if open_only else "mock session"
        raise JudgeError(f"no {kind} in {store.path}; start one with `judge mock` or `judge mock start`")
    return found[0]


def is_late(session: SessionRecord, when: datetime) -> bool:
    return when > session.deadline or (session.ended_at is not None and when > session.ended_at)


# -- recording runs ---------------------------------------------------------------------------------


def full_run(options: Options) -> bool:
    """Only a run with every case and the complexity checks can count as solving a problem."""
    return not options.quick and options.complexity


@dataclass
class Recorded:
    attempt: Attempt
    session: SessionRecord | None = None
    warnings: list[str] = field(default_factory=list)
    opened: str = ""  # a progressive session's next part, opened by this run


def open_part(session: SessionRecord, problem: str, part: int) -> Path:
    """Write part `part`'s spec into the session folder (OSError if it cannot be written)."""
    spec = part_spec_file(session, problem, part)
    spec.write_text(catalog.spec_for(catalog.summary(problem).spec_of(part), session.language), encoding="utf-8")
    return spec


def default_part(problem: str, search: Iterable[Path], explicit_dir: Path | None = None) -> int:
    """The part `judge run` judges when none is given: in a progressive session's folder, the part
    reached; elsewhere part 1. Never an error: a broken marker or store is reported when recording."""
    try:
        found = find_marker(search)
        if found is None or problem not in found[0].problems:
            return 1
        with Store.open(store_folder(explicit_dir, found[0])) as store:
            session = store.session(found[0].session_id)
            if session is None or not session.progressive:
                return 1
            return reached_part(session, problem, store.attempts(problem, session_id=session.id))
    except JudgeError:
        return 1


def record_run(report: Report, submission: Submission, options: Options, *, explicit_dir: Path | None = None,
               search: Iterable[Path] = ()) -> Recorded:
    """Record one `judge run` in the history, attached to the session whose marker is found in
    `search` (when the problem is one of the session's). Raises StoreError if it cannot be stored."""
    warnings: list[str] = []
    try:
        found = find_marker(search)
    except JudgeError as exc:
        found, warnings = None, [str(exc)]
    marker = found[0] if found else None
    with Store.open(store_folder(explicit_dir, marker)) as store:
        session = store.session(marker.session_id) if marker else None
        if marker and session is None:
            where = found[1] if found else MARKER
            warnings.append(f"the session marker {where} names session {marker.session_id}, which is not in "
                            f"{store.path}; recorded outside any session")
        if session is not None and report.problem not in session.problems:
            session = None
        attempt = attempt_from_report(
            report, submission, full=full_run(options), session_id=session.id if session else None,
            late=is_late(session, submission.read_at) if session else False,
        )
        recorded = Recorded(store.record(attempt), session, warnings)
        if session is not None and session.progressive and attempt.solved and not attempt.late:
            part = reached_part(session, report.problem, store.attempts(report.problem, session_id=session.id))
            if part > attempt.part:
                try:
                    spec = open_part(session, report.problem, part)
                    recorded.opened = (f"part {attempt.part} accepted: part {part} is open, spec in {spec}; "
                                       f"judge run {report.problem} --part {part} (the default here)")
                except OSError as exc:
                    warnings.append(f"cannot write part {part}'s spec: {exc.strerror or exc}")
        return recorded


# -- ending and reporting ---------------------------------------------------------------------------

Progress = Callable[[str, str, int, int], None]  # (problem, stage, done, total)


def take_final_verdicts(store: Store, session: SessionRecord, options: Options | None = None,
                        progress: Progress | None = None) -> list[Attempt]:
    """A full judge of each session file as it is now, saved as a `final` attempt. A file saved after
    the deadline makes its final verdict late (the report says so)."""
    finals: list[Attempt] = []
    from judge.judging import Options, judge_file
    from judge.submission import Submission

    base = options or Options()
    for name in session.problems:
        path = session_file(session, name)
        if not path.is_file():
            continue
        submission = Submission.read(path)
        language = submission.language
        if is_stub(name, submission.sha256, language.extensions[0], language.name):  # never edited: no attempt
            continue
        saved = datetime.fromtimestamp(path.stat().st_mtime, tz=session.deadline.tzinfo)
        part = reached_part(session, name, store.attempts(name, session_id=session.id))
        run_options = base.but(quick=False, complexity=True, progress=None, part=part)
        if progress is not None:
            run_options.progress = lambda stage, done, total, name=name: progress(name, stage, done, total)
        report = judge_file(name, submission, run_options)
        attempt = attempt_from_report(report, submission, full=True, session_id=session.id,
                                      late=saved > session.deadline, final=True)
        finals.append(store.record(attempt))
    return finals


def is_stub(problem: str, sha256: str, extension: str = ".py", language: str = "python") -> bool:
    """Whether this content is the problem's starter stub as `judge start` wrote it."""
    import hashlib

    try:
        stub = catalog.stub_path(catalog.summary(problem), extension, language).read_bytes()
    except (OSError, JudgeError):
        return False
    return hashlib.sha256(stub).hexdigest() == sha256


def end(store: Store, session: SessionRecord, reason: str = "command", options: Options | None = None,
        progress: Progress | None = None) -> SessionReport:
    """Take the final verdicts, then mark the session ended. If judging is interrupted, the session
    stays open and `judge mock end` can finish it."""
    if session.ended:
        raise JudgeError(f"mock session {session.id} already ended; see `judge mock report {session.id}`")
    take_final_verdicts(store, session, options, progress)
    store.end_session(session.id, reason)
    ended = store.session(session.id) or session
    return summarize(store, ended)


def summarize(store: Store, session: SessionRecord, at: datetime | None = None) -> SessionReport:
    attempts = sorted(store.attempts(session_id=session.id), key=lambda a: (a.created_at, a.id or 0))
    moment = at or now()
    results = [_result(session, name, [a for a in attempts if a.problem == name])
               for name in session.problems]
    left = max(0.0, (session.deadline - moment).total_seconds())
    status: Literal["running", "time is up", "ended"] = (
        "ended" if session.ended else ("running" if left > 0 else "time is up")
    )
    return SessionReport(session=session, status=status, seconds_left=0.0 if session.ended else left,
                         results=results)


def _result(session: SessionRecord, name: str, attempts: list[Attempt]) -> ProblemResult:
    own = [a for a in attempts if not a.final]
    finals = [a for a in attempts if a.final]
    on_time = [a for a in own if not a.late and a.accepted]  # your runs: the final judge is not one
    result = ProblemResult(
        problem=name, file=str(session_file(session, name)), attempts=len(own),
        late_attempts=sum(a.late for a in own), latest_verdict=own[-1].verdict if own else None,
    )
    if on_time:
        first = on_time[0]
        seconds = round((first.created_at - session.started_at).total_seconds(), 1)
        if finals and not finals[-1].accepted:
            result.first_quick_pass_seconds = None if first.full else seconds
        else:
            result.first_accepted_seconds, result.first_accepted_full = seconds, first.full
    if session.progressive:
        result.parts = len(catalog.summary(name).parts)
        result.part = reached_part(session, name, attempts)
        result.part_seconds = solved_parts(session, attempts)
    result.untouched = session.ended and not finals and Path(result.file).is_file()
    if finals:
        last = finals[-1]
        result.final_verdict, result.final_message, result.final_late = last.verdict, last.message, last.late
        result.final_tests = f"{last.tests_passed}/{last.tests_run}"
        result.complexity = last.complexity
    return result


# -- the live session's state (the dashboard renders it) ---------------------------------------------


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@dataclass
class ProblemLive:
    file: Path
    attempts: int = 0
    latest: Report | None = None
    stamp: tuple[int, int] | None = None
    part: int = 1  # the part being judged (progressive sessions move it on)
    parts: int = 1  # how many the problem has


@dataclass
class LiveSession:
    """What the dashboard loop drives: poll the files, judge the saved ones quickly, record them.

    Judging on save is quick (fewer cases, no complexity checks) so the verdict comes back while
    you are still looking; the final verdicts when the session ends are a full judge.
    """

    store: Store
    session: SessionRecord
    options: Options = field(default_factory=lambda: _quick_options())
    problems: dict[str, ProblemLive] = field(default_factory=dict)
    judging: str = ""  # what is being judged right now, for the dashboard
    stopped_at: datetime | None = None  # when the session was over: the dashboard's clock stops there
    last_judged: str = ""  # whose failing case the dashboard shows
    warning: str = ""
    news: str = ""  # a part that just opened, for the dashboard
    opened: list[tuple[str, int]] = field(default_factory=list)  # (problem, part) opened, specs not shown yet

    def __post_init__(self) -> None:
        attempts = self.store.attempts(session_id=self.session.id) if self.session.progressive else []
        for name in self.session.problems:
            path = session_file(self.session, name)
            # The stubs as written are not attempts: only a save after the start is judged.
            self.problems[name] = ProblemLive(file=path, stamp=_stamp(path), part=reached_part(
                self.session, name, [a for a in attempts if a.problem == name]),
                parts=len(catalog.summary(name).parts))

    def seconds_left(self, at: datetime | None = None) -> float:
        return max(0.0, (self.session.deadline - (at or now())).total_seconds())

    def changed(self) -> list[str]:
        names = []
        for name, live in self.problems.items():
            stamp = _stamp(live.file)
            if stamp is not None and stamp != live.stamp:
                live.stamp = stamp
                names.append(name)
        return names

    def judge(self, name: str, progress: Callable[[str, int, int], None] | None = None) -> Report:
        """Quick-judge one file and record it; a store failure is kept as a warning, not raised.

        In a progressive session a quick pass is followed by a full judge of the same part, and a
        full accept opens the next part: its spec is written into the folder, judging moves on."""
        from judge.submission import Submission

        live = self.problems[name]
        submission = Submission.read(live.file)
        report = self._judged(name, submission, quick=True, progress=progress)
        if self.session.progressive and report.verdict is Verdict.ACCEPTED:
            report = self._judged(name, submission, quick=False, progress=progress)
            if report.verdict is Verdict.ACCEPTED and not is_late(self.session, submission.read_at):
                self._open_next(name)
        return report

    def _judged(self, name: str, submission: Submission, *, quick: bool,
                progress: Callable[[str, int, int], None] | None) -> Report:
        live = self.problems[name]
        options = self.options.but(quick=quick, complexity=True, progress=progress, part=live.part)
        self.judging = name if quick else f"{name} part {live.part} (full judge)"
        try:
            from judge.judging import judge_file

            report = judge_file(name, submission, options)
        finally:
            self.judging = ""
        live.attempts += 1
        live.latest = report
        self.last_judged = name
        try:
            self.store.record(attempt_from_report(report, submission, full=not quick, session_id=self.session.id,
                                                  late=is_late(self.session, submission.read_at)))
            self.warning = ""
        except StoreError as exc:
            self.warning = f"attempt not recorded: {exc}"
        return report

    def _open_next(self, name: str) -> None:
        live, found = self.problems[name], catalog.summary(name)
        if live.part >= len(found.parts):
            self.news = f"{name}: every part accepted"
            return
        live.part += 1
        spec = part_spec_file(self.session, name, live.part)
        try:
            open_part(self.session, name, live.part)
        except OSError as exc:
            self.warning = f"cannot write {spec}: {exc.strerror or exc}; judge show {name} --part {live.part}"
        self.opened.append((name, live.part))
        self.news = (f"part {live.part - 1} accepted: part {live.part} ({found.part_titles[live.part]}) is open, "
                     f"spec in {spec.name}; add it to the same file")


def _quick_options() -> Options:
    from judge.judging import Options

    return Options(quick=True)
