"""`pip install .` (not editable) into a fresh venv, run from another directory: problems ship inside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROBLEMS, ROOT


@pytest.mark.slow
def test_wheel_install_lists_and_judges_from_elsewhere(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                          "--disable-pip-version-check", str(ROOT)], capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    judge = str(venv / "bin" / "judge")
    listed = subprocess.run([judge, "list", "--json"], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    names = {p["name"] for p in json.loads(listed.stdout)}
    assert names == {p.parent.name for p in PROBLEMS.glob("*/problem.yaml")}
    solution = elsewhere / "orderbook.py"
    solution.write_bytes((PROBLEMS / "orderbook" / "submissions" / "accepted" / "sorteddict.py").read_bytes())
    run = subprocess.run([judge, "run", "orderbook", "--quick", "--json"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=120)
    report = json.loads(run.stdout)
    assert report["verdict"] == "accepted", run.stdout + run.stderr
    started = subprocess.run([judge, "start", "orderbook", "stub.py"], cwd=elsewhere, capture_output=True, text=True)
    assert started.returncode == 0 and "class OrderBook" in (elsewhere / "stub.py").read_text()
