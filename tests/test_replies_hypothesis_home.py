"""Hypothesis's own files (its constants cache, since 6.131, even with database=None) go to the
judge's cache directory, never into the directory the judge is run from (issue 11, req. 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import PROBLEMS, run_cli

ACCEPTED = PROBLEMS / "ema" / "submissions" / "accepted" / "decimal_ema.py"


@pytest.mark.sandbox
def test_judge_run_leaves_no_hypothesis_folder_in_the_working_directory(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    cwd, cache = tmp_path / "work", Path(os.environ["JUDGE_CACHE_DIR"])
    cwd.mkdir()
    # A full run of the cases (not --quick): enough examples for Hypothesis to draw local constants.
    result = run_cli("run", "ema", str(ACCEPTED), "--no-complexity", "--seed", "3", cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(cwd.iterdir()) == []
    assert (cache / "hypothesis").is_dir()  # where they went instead
