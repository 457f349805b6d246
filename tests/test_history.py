"""The attempt history, end to end: `judge run` records into a real SQLite file in a temporary data
directory (conftest sets JUDGE_DATA_DIR), `judge history` / `judge stats` read it back, old schemas are
migrated forward, and a corrupt or locked file costs one warning line, never the verdict."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from judge import history
from judge.errors import StoreError
from judge.history import Store
from judge.models import ComplexityRow, Verdict
from judge.records import Attempt

from .conftest import PROBLEMS, run_cli

SORTEDDICT = PROBLEMS / "orderbook" / "submissions" / "accepted" / "sorteddict.py"
LIFO = PROBLEMS / "orderbook" / "submissions" / "wrong_answer" / "lifo_in_level.py"


def _db(data: Path) -> Path:
    return data / history.DB_NAME


def _attempt(**changes: object) -> Attempt:
    base = Attempt(created_at=history.now(), problem="orderbook", verdict=Verdict.ACCEPTED, seconds=1.5,
                   sandbox="bwrap", full=True, code_sha256="0" * 64, code="class OrderBook: ...\n")
    return base.model_copy(update=changes)


def test_run_records_the_attempt_with_code_hash_and_details(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_cli("--data-dir", str(data), "run", "orderbook", str(LIFO), "--quick", "--seed", "1")
    assert result.returncode == 1  # the verdict's exit status, recording does not change it
    assert "WRONG ANSWER" in result.stdout
    assert "warning" not in result.stderr

    shown = run_cli("--data-dir", str(data), "history", "--json")
    assert shown.returncode == 0, shown.stderr
    [row] = json.loads(shown.stdout)
    assert row["problem"] == "orderbook" and row["part"] == 1
    assert row["verdict"] == "wrong_answer"
    assert row["full"] is False  # --quick never counts as a full run
    assert row["seconds"] > 0 and row["sandbox"] in ("bwrap", "process", "docker")
    assert row["seed"] == 1 and row["session_id"] is None and row["late"] is False
    assert row["code_sha256"] == hashlib.sha256(LIFO.read_bytes()).hexdigest()
    assert "code" not in row  # listings leave the code out

    one = run_cli("--data-dir", str(data), "history", "--show", str(row["id"]), "--json")
    assert json.loads(one.stdout)["code"] == LIFO.read_text()
    text = run_cli("--data-dir", str(data), "history", "orderbook")
    assert "WRONG ANSWER" in text.stdout and "quick" in text.stdout


def test_judge_data_dir_env_is_the_default_store(tmp_path: Path) -> None:
    data = tmp_path / "from-env"
    result = run_cli("run", "orderbook", str(SORTEDDICT), "--quick", env={"JUDGE_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert _db(data).is_file()
    with Store.open(data) as store:
        assert store.count() == 1
        assert store.version == history.SCHEMA_VERSION


def test_stats_per_problem_counts_only_full_accepted_runs_as_solved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli("--data-dir", str(data), "run", "orderbook", str(SORTEDDICT), "--quick").returncode == 0
    stats = {s["problem"]: s for s in json.loads(run_cli("--data-dir", str(data), "stats", "--json").stdout)}
    assert stats["orderbook"]["attempts"] == 1 and stats["orderbook"]["accepted"] == 1
    assert stats["orderbook"]["solved"] is False  # a quick accept is not a submission
    assert set(stats) == {p.parent.name for p in PROBLEMS.glob("*/problem.yaml")}  # unattempted ones too

    # A full accepted run (recorded through the library: a full judge is not what is tested here).
    started = history.now() - timedelta(minutes=5)
    with Store.open(data) as store:
        store.record(_attempt(created_at=started, seconds=4.0))
        store.record(_attempt(created_at=started + timedelta(minutes=1), seconds=3.25))
        store.record(_attempt(created_at=started + timedelta(minutes=2), verdict=Verdict.WRONG_ANSWER,
                              seconds=0.5))
    stats = {s["problem"]: s for s in json.loads(run_cli("--data-dir", str(data), "stats", "--json").stdout)}
    orderbook = stats["orderbook"]
    assert orderbook["solved"] is True and orderbook["attempts"] == 4 and orderbook["accepted"] == 3
    assert orderbook["best_seconds"] == 3.25  # the fastest full accepted run, not the wrong answer's 0.5
    assert orderbook["first_accepted_at"].startswith(started.strftime("%Y-%m-%dT%H:%M"))
    table = run_cli("--data-dir", str(data), "stats").stdout
    # "solved" is the day of the first full accepted run
    assert "orderbook" in table and started.astimezone().strftime("%Y-%m-%d") in table and "3.25 s" in table


def test_complexity_rows_round_trip_as_json(tmp_path: Path) -> None:
    row = ComplexityRow(name="cancel", description="cancel", expected="O(log n)", observed="O(1)",
                        passed=True, sizes=[1000, 10000, 100000], values=[1e-6, 1.1e-6, 1.2e-6], ratio=1.2,
                        detail="fine")
    with Store.open(tmp_path) as store:
        saved = store.record(_attempt(complexity=[row]))
        again = store.attempt(saved.id or 0)
    assert again is not None and again.complexity == [row] and again.code == saved.code


def _make_v1(path: Path) -> None:
    """A database as the first schema version left it, with one attempt in it."""
    db = sqlite3.connect(path)
    history.MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO attempts (created_at, problem, part, verdict, seconds, sandbox, full, code_sha256, code)"
        " VALUES ('2024-01-02T03:04:05+00:00', 'orderbook', 1, 'accepted', 2.5, 'bwrap', 1, ?, 'old code')",
        ("a" * 64,),
    )
    db.commit()
    db.close()


def test_an_older_schema_is_migrated_forward_keeping_its_attempts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _make_v1(_db(data))
    result = run_cli("--data-dir", str(data), "run", "orderbook", str(SORTEDDICT), "--quick")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    rows = json.loads(run_cli("--data-dir", str(data), "history", "--json").stdout)
    assert [r["verdict"] for r in rows] == ["accepted", "accepted"]
    old = rows[-1]
    assert old["created_at"].startswith("2024-01-02T03:04:05")
    assert old["session_id"] is None and old["late"] is False and old["final"] is False  # v2's defaults
    db = sqlite3.connect(_db(data))
    assert db.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    db.close()


def test_a_newer_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    db = sqlite3.connect(_db(tmp_path))
    db.execute(f"PRAGMA user_version = {history.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this judge"):
        Store.open(tmp_path)


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_corrupt_database_costs_a_warning_not_the_verdict(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _db(data).write_bytes(b"this is not an SQLite database, it was mangled by a sync client\n" * 50)

    result = run_cli("--data-dir", str(data), "run", "orderbook", str(SORTEDDICT), "--quick")
    assert result.returncode == 0  # still the verdict's status
    assert "ACCEPTED" in result.stdout
    warning = _one_error_line(result.stderr)
    assert warning.startswith("judge: warning: this attempt could not be recorded")
    assert "corrupt" in warning and "mv " in warning

    listed = run_cli("--data-dir", str(data), "history")
    assert listed.returncode == 2
    line = _one_error_line(listed.stderr)
    assert line.startswith("judge: error:") and "corrupt" in line
    # The file is left as it was: moving it aside is the user's call.
    assert _db(data).read_bytes().startswith(b"this is not an SQLite database")


def test_a_locked_database_costs_a_warning_not_the_verdict(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.record(_attempt())
    holder = sqlite3.connect(_db(data), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock (and blocks readers)
    try:
        result = run_cli("--data-dir", str(data), "run", "orderbook", str(LIFO), "--quick", "--json",
                         env={"JUDGE_DB_TIMEOUT": "0.2"})
        assert result.returncode == 1  # wrong answer: the verdict's status survives the failed recording
        assert json.loads(result.stdout)["verdict"] == "wrong_answer"
        warning = _one_error_line(result.stderr)
        assert "could not be recorded" in warning and "locked" in warning

        stats = run_cli("--data-dir", str(data), "stats", env={"JUDGE_DB_TIMEOUT": "0.2"})
        assert stats.returncode == 2 and "locked" in _one_error_line(stats.stderr)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(data) as store:
        assert store.count() == 1  # the locked-out attempt was not half-written


def test_library_store_errors_are_store_errors(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    with pytest.raises(StoreError, match="cannot create"):
        Store.open(blocked / "sub")


# -- languages -------------------------------------------------------------------------------------

NOTES_JS = PROBLEMS / "orderbook" / "submissions" / "accepted" / "notes_style_no_export.js"


def _make_v2(path: Path) -> None:
    """A database as schema version 2 left it (before languages), with a Python and a JavaScript run."""
    db = sqlite3.connect(path)
    history.MIGRATIONS[0](db)
    history.MIGRATIONS[1](db)
    db.execute("PRAGMA user_version = 2")
    for name in ("/home/me/ob.py", "/home/me/OB.JS", "/home/me/ob.mjs"):
        db.execute(
            "INSERT INTO attempts (created_at, problem, part, verdict, seconds, sandbox, full, submission,"
            " code_sha256, code) VALUES ('2024-01-02T03:04:05+00:00', 'orderbook', 1, 'accepted', 2.5, 'bwrap',"
            " 1, ?, ?, 'old code')", (name, "a" * 64))
    db.commit()
    db.close()


def test_the_language_migration_reads_it_off_the_recorded_file_name(tmp_path: Path) -> None:
    _make_v2(_db(tmp_path))
    with Store.open(tmp_path) as store:
        assert store.version == history.SCHEMA_VERSION
        found = {a.submission: a.language for a in store.attempts()}
        listed = {a.submission: a.language for a in store.listing()}
    assert found == listed == {"/home/me/ob.py": "python", "/home/me/OB.JS": "javascript",
                               "/home/me/ob.mjs": "javascript"}


def test_run_records_the_language_and_stats_split_by_part_and_language(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_cli("--data-dir", str(data), "run", "orderbook", str(NOTES_JS), "--quick")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(run_cli("--data-dir", str(data), "history", "--json").stdout)
    assert row["language"] == "javascript"
    table = run_cli("--data-dir", str(data), "history").stdout
    assert "lang" in table and " js " in table

    with Store.open(data) as store:
        store.record(_attempt(seconds=4.0))  # Python, part 1, full, accepted
        store.record(_attempt(seconds=2.0, part=2))
        store.record(_attempt(seconds=3.0, language="javascript", verdict=Verdict.WRONG_ANSWER))
    rows = json.loads(run_cli("--data-dir", str(data), "stats", "--json").stdout)
    orderbook = {(r["part"], r["language"]): r for r in rows if r["problem"] == "orderbook"}
    assert set(orderbook) == {(1, "python"), (2, "python"), (1, "javascript")}
    assert orderbook[(1, "javascript")]["attempts"] == 2 and orderbook[(1, "javascript")]["accepted"] == 1
    assert orderbook[(1, "javascript")]["solved"] is False  # a quick accept and a wrong answer
    assert orderbook[(1, "python")]["best_seconds"] == 4.0 and orderbook[(2, "python")]["best_seconds"] == 2.0
    never = [r for r in rows if r["problem"] == "ema"]
    assert never == [dict(never[0], attempts=0, part=1, language=None)]  # one row, no language
    table = run_cli("--data-dir", str(data), "stats").stdout
    assert "part" in table and "lang" in table and "4.00 s" in table and "2.00 s" in table
