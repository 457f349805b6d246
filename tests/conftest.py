from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = ROOT / "problems"

# Modules whose tests judge through a real sandbox (bwrap, docker or process): the slow tier. Tests
# elsewhere that start one carry @pytest.mark.sandbox themselves. `pytest -m "not sandbox and not slow"` is the
# fast tier: the decision code through the in-process worker, the CLI's argument handling, the docs.
SANDBOX_MODULES = {"test_samples", "test_hostile", "test_docker", "test_shrinking", "test_mock", "test_packaging",
                   "test_cli", "test_history", "test_templates"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SANDBOX_MODULES:
            item.add_marker(pytest.mark.sandbox)


@pytest.fixture(scope="session")
def _casebanks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("casebank")


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                   _casebanks: Path) -> None:
    """No test reads or writes the developer's own failure cache or history. The quick runs' case
    banks hold no state (they are computed from the problem files), so the tests share one folder of
    them: each problem's bank is built once per session, not once per test."""
    monkeypatch.setenv("JUDGE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("JUDGE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("JUDGE_CASEBANK_DIR", str(_casebanks))


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "judge.cli", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {}), "COLUMNS": "120"},
    )
