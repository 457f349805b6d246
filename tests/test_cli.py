"""The CLI as a user drives it: list, show, start, run (text and JSON), doctor, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import PROBLEMS, run_cli

SORTEDDICT = PROBLEMS / "orderbook" / "submissions" / "accepted" / "sorteddict.py"
LIFO = PROBLEMS / "orderbook" / "submissions" / "wrong_answer" / "lifo_in_level.py"


def test_list_shows_orderbook_with_title_and_difficulty() -> None:
    result = run_cli("list")
    assert result.returncode == 0, result.stderr
    assert "orderbook" in result.stdout
    assert "Limit order book with matching" in result.stdout
    assert "medium" in result.stdout


def test_list_json_names_every_problem_folder() -> None:
    result = run_cli("list", "--json")
    names = {p["name"] for p in json.loads(result.stdout)}
    assert names == {p.parent.name for p in PROBLEMS.glob("*/problem.yaml")}


def test_show_renders_the_spec() -> None:
    result = run_cli("show", "orderbook")
    assert result.returncode == 0
    assert "price-time priority" in result.stdout
    assert "Worked example" in result.stdout


def test_start_writes_the_stub_and_never_overwrites(tmp_path: Path) -> None:
    result = run_cli("start", "orderbook", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stub = tmp_path / "orderbook.py"
    assert "class OrderBook" in stub.read_text()
    stub.write_text("# my work\n")
    again = run_cli("start", "orderbook", cwd=tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert stub.read_text() == "# my work\n"
    forced = run_cli("start", "orderbook", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert "class OrderBook" in stub.read_text()


@pytest.mark.parametrize(("args", "name"), [(["--lang", "ts"], "orderbook.ts"), (["mine.js"], "mine.js"),
                                           (["mine.py"], "mine.py")])
def test_the_stub_names_the_file_it_was_written_to(args: list[str], name: str, tmp_path: Path) -> None:
    assert run_cli("start", "orderbook", *args, cwd=tmp_path).returncode == 0
    text = (tmp_path / name).read_text()
    assert f"judge run orderbook {name}`" in text
    assert text.count("judge run orderbook") == 1


def test_the_stub_is_judged_as_not_implemented(tmp_path: Path) -> None:
    run_cli("start", "orderbook", cwd=tmp_path)
    result = run_cli("run", "orderbook", "--quick", "--json", cwd=tmp_path)  # FILE defaults to ./orderbook.py
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["verdict"] == "runtime_error"
    assert "NotImplementedError" in report["counterexample"]["got"]


def test_run_json_accepted_has_the_documented_fields() -> None:
    result = run_cli("run", "orderbook", str(SORTEDDICT), "--json", "--seed", "4")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["verdict"] == "accepted"
    assert report["problem"] == "orderbook"
    assert report["tests_run"] == report["tests_passed"] > 100
    assert report["counterexample"] is None
    assert report["sandbox"] in ("bwrap", "docker", "process")
    assert report["seed"] == 4
    assert {row["name"] for row in report["complexity"]} == {"submit_new_level", "cancel", "best_price"}
    assert all(row["sizes"] and row["values"] for row in report["complexity"])
    assert report["timings"]["total"] > 0


def test_run_text_report_shows_the_minimal_case_with_expected_and_got() -> None:
    result = run_cli("run", "orderbook", str(LIFO), "--seed", "1", "--no-complexity")
    assert result.returncode == 1
    out = result.stdout
    assert "WRONG ANSWER" in out
    assert "ob = OrderBook()" in out
    assert "expected" in out and "got" in out
    assert "--seed 1" in out


def test_doctor_reports_the_sandboxes() -> None:
    result = run_cli("doctor", "--json")
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["sandbox process"]["ok"] is True
    assert "sandbox bwrap" in rows
    assert rows["sandbox auto"]["ok"] is True
    assert result.returncode == 0


def test_process_sandbox_warns_it_is_not_isolated() -> None:
    result = run_cli("run", "orderbook", str(SORTEDDICT), "--sandbox", "process", "--quick", "--json")
    report = json.loads(result.stdout)
    assert report["verdict"] == "accepted"
    assert report["sandbox"] == "process"
    assert "NOT isolated" in report["sandbox_warning"]


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    cases = [
        ("run", "no-such-problem", str(SORTEDDICT)),
        ("run", "orderbook", str(tmp_path / "missing.py")),
        ("run", "orderbook", str(tmp_path)),
        ("run", "orderbook", str(SORTEDDICT), "--bogus"),
        ("run", "orderbook", str(SORTEDDICT), "--sandbox", "nowhere"),
        ("show", "no-such-problem"),
    ]
    for args in cases:
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("judge: error:"), (args, result.stderr)
        assert "Traceback" not in result.stderr
