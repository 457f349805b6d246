"""The attempt history: one SQLite file in the user's data directory, recorded on every `judge run`.

Where it lives: `paths.data_dir()` (JUDGE_DATA_DIR, else the platform data dir: XDG_DATA_HOME/judge, else
~/.local/share/judge); the CLI's `--data-dir` passes an explicit folder instead.

The schema is versioned with PRAGMA user_version and moved forward by MIGRATIONS, an ordered list:
migration i takes a database from version i to i + 1 inside one transaction, so a crash mid-way
leaves the old version intact. Add a change as a new function at the end; never edit a released one.

Every sqlite3 or filesystem error leaves this module as a StoreError whose message names the file
and the fix (a locked file, a corrupt file, an unwritable folder), so callers can report it in one
line and carry on: a failure to record must never cost the user the verdict itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from judge.errors import StoreError
from judge.paths import data_dir

# Listing (`judge history`, `judge stats`) builds no pydantic model: the records and the report models
# are imported where one attempt is recorded or read in full (issue 12: those commands are instant).
if TYPE_CHECKING:
    from judge.models import Report
    from judge.records import Attempt, SessionRecord
    from judge.submission import Submission

DB_NAME = "history.sqlite3"
# Seconds to wait for another judge (or a sync client) to release the file before giving up. Short,
# because the user is waiting for a verdict; JUDGE_DB_TIMEOUT overrides it (tests use a tiny one).
DEFAULT_TIMEOUT = 3.0



def __getattr__(name: str) -> Any:
    """`history.Attempt` and `history.SessionRecord`, where they always were, built on first use."""
    if name in ("Attempt", "SessionRecord"):
        from judge import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _rows() -> Any:
    from pydantic import TypeAdapter

    from judge.models import ComplexityRow

    return TypeAdapter(list[ComplexityRow])


def now() -> datetime:
    return datetime.now(UTC)


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# -- models -------------------------------------------------------------------------------------------


@dataclass
class ProblemStats:
    """One row of `judge stats`: a problem's part in one language (a part practised in Python and in
    JavaScript is two rows), or a problem never attempted (part 1, language None)."""

    problem: str
    attempts: int  # the user's own runs (the final judges of mock sessions are not counted)
    accepted: int  # accepted runs among those attempts, quick ones included
    solved: bool  # at least one full accepted run
    first_accepted_at: datetime | None = None  # the first full accepted run
    # The judge's own wall time for the fastest full accepted run: machine load moves it, you do not
    best_seconds: float | None = None
    last_attempt_at: datetime | None = None
    # Your time: from a mock session's start to your first accepted run in it, in the sessions whose
    # final verdict for the problem was accepted (the best of them)
    best_session_seconds: float | None = None
    part: int = 1
    language: str | None = None  # "python", "javascript"...; None for a problem never attempted

    def as_json(self) -> dict[str, Any]:
        """The keys and formats `judge stats --json` has always printed (pydantic's: UTC as "Z")."""
        data = dataclasses.asdict(self)
        for key in ("first_accepted_at", "last_attempt_at"):
            data[key] = _json_time(data[key])
        return data


@dataclass
class Listed:
    """One attempt as `judge history` lists it: no code, no complexity rows, no models to build."""

    id: int
    created_at: datetime
    problem: str
    part: int
    language: str  # "python", "javascript"...: what the file was judged as
    verdict: str  # a Verdict value
    seconds: float
    sandbox: str
    full: bool
    submission: str
    tests_run: int
    tests_passed: int
    session_id: str | None
    late: bool
    final: bool


def _json_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def attempt_from_report(report: Report, submission: Submission, *, full: bool, session_id: str | None = None,
                        late: bool = False, final: bool = False, when: datetime | None = None) -> Attempt:
    """The attempt as recorded: the code is the very bytes that were judged (read once, before judging)."""
    from judge.records import Attempt

    return Attempt(
        created_at=when or submission.read_at, problem=report.problem, part=report.part,
        language=submission.language.name,
        verdict=report.verdict, seconds=report.timings.total, sandbox=report.sandbox, full=full,
        submission=str(submission.path),
        seed=report.seed, tests_run=report.tests_run, tests_passed=report.tests_passed,
        message=report.message[:2000], code_sha256=submission.sha256, code=submission.code,
        complexity=report.complexity, session_id=session_id, late=late, final=final,
    )


# -- migrations ---------------------------------------------------------------------------------------


def _v1_attempts(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,          -- ISO 8601, UTC
            problem TEXT NOT NULL,
            part INTEGER NOT NULL DEFAULT 1,
            verdict TEXT NOT NULL,
            seconds REAL NOT NULL,
            sandbox TEXT NOT NULL,
            full INTEGER NOT NULL,
            submission TEXT NOT NULL DEFAULT '',
            seed INTEGER NOT NULL DEFAULT 0,
            tests_run INTEGER NOT NULL DEFAULT 0,
            tests_passed INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            code_sha256 TEXT NOT NULL,
            code TEXT NOT NULL,
            complexity TEXT NOT NULL DEFAULT '[]'  -- JSON list of ComplexityRow
        )""")
    db.execute("CREATE INDEX attempts_problem ON attempts (problem, created_at)")


def _v2_sessions(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            deadline TEXT NOT NULL,
            minutes REAL NOT NULL,
            problems TEXT NOT NULL,            -- JSON list of problem names
            folder TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT
        )""")
    # Columns added to an existing table need defaults: attempts from before v2 had no sessions.
    db.execute("ALTER TABLE attempts ADD COLUMN session_id TEXT REFERENCES sessions (id)")
    db.execute("ALTER TABLE attempts ADD COLUMN late INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE attempts ADD COLUMN final INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX attempts_session ON attempts (session_id)")


def _v3_language(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE attempts ADD COLUMN language TEXT NOT NULL DEFAULT 'python'")
    # JavaScript was judged before its language was recorded: the file name it was judged from says it.
    db.execute("""
        UPDATE attempts SET language = 'javascript'
        WHERE lower(submission) LIKE '%.js' OR lower(submission) LIKE '%.mjs' OR lower(submission) LIKE '%.cjs'""")


Migration = Callable[[sqlite3.Connection], None]
def _v4_session_kinds(db: sqlite3.Connection) -> None:
    # A progressive session (one problem, its parts opened in order) and the language of the stubs.
    db.execute("ALTER TABLE sessions ADD COLUMN progressive INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'python'")


MIGRATIONS: list[Migration] = [_v1_attempts, _v2_sessions, _v3_language, _v4_session_kinds]
SCHEMA_VERSION = len(MIGRATIONS)


# -- the store ----------------------------------------------------------------------------------------


def _timeout() -> float:
    try:
        return float(os.environ.get("JUDGE_DB_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


@dataclass
class Store:
    """One connection to the history file; use as a context manager (`with Store.open(...) as s`)."""

    path: Path
    timeout: float = DEFAULT_TIMEOUT
    _db: sqlite3.Connection | None = None

    @classmethod
    def open(cls, folder: Path | str | None = None, timeout: float | None = None) -> Store:
        store = cls(data_dir(folder) / DB_NAME, _timeout() if timeout is None else timeout)
        store.connect()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn sqlite3 and filesystem errors into one StoreError line that names the fix."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self._explain(exc, doing)) from exc
        except OSError as exc:
            raise StoreError(f"cannot {doing} {self.path}: {exc.strerror or exc}") from exc

    def _explain(self, exc: sqlite3.Error, doing: str) -> str:
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            return (f"history database {self.path} is locked by another program (still locked after "
                    f"{self.timeout:g} s); close it or try again")
        corrupt = "not a database" in text or "malformed" in text
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or corrupt:
            return (f"history database {self.path} is corrupt ({text}); move it aside "
                    f"(mv {self.path} {self.path}.bad) and judge starts a new one")
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR")):
            return f"cannot {doing} history database {self.path}: {text} (check the folder's permissions)"
        return f"cannot {doing} history database {self.path}: {text}"

    def connect(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        with self._errors("create"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._errors("open"):
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE below), so a migration
            # and its version bump commit together, and a writer takes the lock before reading.
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                db.execute("PRAGMA foreign_keys = ON")
                self._migrate(db)
            except BaseException:
                db.close()
                raise
        self._db = db
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"history database {self.path} has schema version {version}, newer than this "
                             f"judge knows ({SCHEMA_VERSION}); upgrade judge, or use another --data-dir")
        if version == SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another judge may have migrated in the meantime.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for index in range(version, SCHEMA_VERSION):
                MIGRATIONS[index](db)
                db.execute(f"PRAGMA user_version = {index + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @property
    def version(self) -> int:
        with self._errors("read"):
            return int(self.connect().execute("PRAGMA user_version").fetchone()[0])

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._errors("read"):
            db = self.connect()
            db.row_factory = sqlite3.Row
            return db.execute(sql, args).fetchall()

    def _write(self, sql: str, args: tuple[Any, ...] | dict[str, Any]) -> int:
        with self._errors("write to"):
            db = self.connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                cursor = db.execute(sql, args)
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            return int(cursor.lastrowid or 0)

    # -- attempts ----------------------------------------------------------------------------------
    def record(self, attempt: Attempt) -> Attempt:
        """Insert one attempt; returns it with its id."""
        if attempt.code is None:
            raise ValueError("an attempt is recorded with its code")
        row = attempt.model_dump(exclude={"id", "complexity"})
        row.update(created_at=_ts(attempt.created_at), verdict=attempt.verdict.value, full=int(attempt.full),
                   late=int(attempt.late), final=int(attempt.final),
                   complexity=_rows().dump_json(attempt.complexity).decode())
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        new_id = self._write(f"INSERT INTO attempts ({columns}) VALUES ({marks})", row)
        return attempt.model_copy(update={"id": new_id})

    def attempts(self, problem: str | None = None, *, session_id: str | None = None, limit: int | None = None,
                 with_code: bool = False) -> list[Attempt]:
        """Newest first."""
        where, args = [], []
        if problem:
            where.append("problem = ?")
            args.append(problem)
        if session_id:
            where.append("session_id = ?")
            args.append(session_id)
        sql = "SELECT * FROM attempts" + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " ORDER BY created_at DESC, id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        return [_attempt(row, with_code) for row in self._query(sql, tuple(args))]

    def listing(self, problem: str | None = None, *, limit: int | None = None) -> list[Listed]:
        """What `judge history` shows, newest first, read without building models."""
        fields = [f.name for f in dataclasses.fields(Listed)]
        sql = f"SELECT {', '.join(fields)} FROM attempts" + (" WHERE problem = ?" if problem else "")
        sql += " ORDER BY created_at DESC, id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        found = []
        for row in self._query(sql, (problem,) if problem else ()):
            data = dict(row)
            data["created_at"] = _dt(data["created_at"])
            data["full"], data["late"], data["final"] = bool(data["full"]), bool(data["late"]), bool(data["final"])
            found.append(Listed(**data))
        return found

    def attempt(self, attempt_id: int) -> Attempt | None:
        rows = self._query("SELECT * FROM attempts WHERE id = ?", (attempt_id,))
        return _attempt(rows[0], with_code=True) if rows else None

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) AS n FROM attempts")[0]["n"])

    def stats(self, problems: Iterable[str] = ()) -> list[ProblemStats]:
        """One row per (problem, part, language) with attempts, and one per problem in `problems` never
        attempted; sorted by problem, part, language."""
        rows = self._query("""
            SELECT problem, part, language,
                   SUM(final = 0) AS attempts,
                   SUM(verdict = 'accepted' AND final = 0) AS accepted,
                   MIN(CASE WHEN verdict = 'accepted' AND full THEN created_at END) AS first_accepted_at,
                   MIN(CASE WHEN verdict = 'accepted' AND full THEN seconds END) AS best_seconds,
                   MAX(created_at) AS last_attempt_at
            FROM attempts GROUP BY problem, part, language""")
        found = {
            (row["problem"], row["part"], row["language"]): ProblemStats(
                problem=row["problem"], attempts=row["attempts"] or 0, accepted=row["accepted"] or 0,
                solved=row["first_accepted_at"] is not None, first_accepted_at=_dt(row["first_accepted_at"]),
                best_seconds=row["best_seconds"], last_attempt_at=_dt(row["last_attempt_at"]),
                part=row["part"], language=row["language"],
            )
            for row in rows
        }
        for key, seconds in self._session_times().items():
            if key in found:
                found[key].best_session_seconds = seconds
        attempted = {problem for problem, _, _ in found}
        never = [ProblemStats(problem=name, attempts=0, accepted=0, solved=False)
                 for name in set(problems) - attempted]
        return sorted([*found.values(), *never], key=lambda s: (s.problem, s.part, s.language or ""))

    def _session_times(self) -> dict[tuple[str, int, str], float]:
        """Per (problem, part, language), the shortest time from a session's start to the first on-time
        accepted run of it, among the sessions whose final verdict for it was accepted."""
        rows = self._query("""
            SELECT a.session_id, a.problem, a.part, a.language, a.created_at, a.verdict, a.late, a.final,
                   s.started_at
            FROM attempts a JOIN sessions s ON s.id = a.session_id
            ORDER BY a.created_at, a.id""")
        first: dict[tuple[str, str, int, str], float] = {}
        final_ok: set[tuple[str, str, int, str]] = set()
        for row in rows:
            key = (row["session_id"], row["problem"], row["part"], row["language"])
            accepted = row["verdict"] == "accepted"
            if row["final"]:
                final_ok.discard(key)
                if accepted:
                    final_ok.add(key)
            elif accepted and not row["late"] and key not in first:
                began, at = _dt(row["started_at"]), _dt(row["created_at"])
                if began is not None and at is not None:
                    first[key] = (at - began).total_seconds()
        best: dict[tuple[str, int, str], float] = {}
        for (session_id, problem, part, language), seconds in first.items():
            if (session_id, problem, part, language) in final_ok:
                group = (problem, part, language)
                best[group] = min(seconds, best.get(group, seconds))
        return best

    def solved(self) -> set[str]:
        return {s.problem for s in self.stats() if s.solved}

    def solved_parts(self) -> set[tuple[str, int]]:
        """(problem, part) pairs with a full accepted run: what unlocks the next part."""
        rows = self._query("SELECT DISTINCT problem, part FROM attempts WHERE verdict = 'accepted' AND full")
        return {(row["problem"], int(row["part"])) for row in rows}

    # -- sessions ----------------------------------------------------------------------------------
    def create_session(self, session: SessionRecord) -> None:
        self._write(
            "INSERT INTO sessions (id, started_at, deadline, minutes, problems, folder, progressive, language)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (session.id, _ts(session.started_at), _ts(session.deadline), session.minutes,
             json.dumps(session.problems), session.folder, int(session.progressive), session.language),
        )

    def session(self, session_id: str) -> SessionRecord | None:
        rows = self._query("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return _session(rows[0]) if rows else None

    def sessions(self, *, open_only: bool = False) -> list[SessionRecord]:
        """Newest first."""
        sql = "SELECT * FROM sessions" + (" WHERE ended_at IS NULL" if open_only else "")
        return [_session(row) for row in self._query(sql + " ORDER BY started_at DESC")]

    def end_session(self, session_id: str, reason: str, when: datetime | None = None) -> None:
        self._write("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ?",
                    (_ts(when or now()), reason, session_id))


def _attempt(row: sqlite3.Row, with_code: bool) -> Attempt:
    from judge.records import Attempt

    data = dict(row)
    data["complexity"] = _rows().validate_json(data["complexity"] or "[]")
    data["full"], data["late"], data["final"] = bool(data["full"]), bool(data["late"]), bool(data["final"])
    if not with_code:
        data["code"] = None
    return Attempt.model_validate(data)


def _session(row: sqlite3.Row) -> SessionRecord:
    from judge.records import SessionRecord

    data = dict(row)
    data["problems"] = json.loads(data["problems"])
    data["progressive"] = bool(data["progressive"])
    return SessionRecord.model_validate(data)
