"""Failing cases remembered between runs, so the case that failed last time is tried first next time.

Stored as JSON under the user's cache directory (JUDGE_CACHE_DIR overrides it, for tests).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from judge.suite import Step

_KEEP = 10


def cache_dir() -> Path:
    override = os.environ.get("JUDGE_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "judge"


def _path(problem: str) -> Path:
    return cache_dir() / "failures" / f"{problem}.json"


def recall(problem: str) -> list[list[Step]]:
    try:
        data = json.loads(_path(problem).read_text())
    except (OSError, ValueError):
        return []
    return [case for case in data if isinstance(case, list)] if isinstance(data, list) else []


def remember(problem: str, steps: list[Step]) -> None:
    """Keep the newest failures first; an unwritable cache only costs the shortcut, never the run."""
    cases = [c for c in recall(problem) if c != steps]
    cases.insert(0, steps)
    try:
        path = _path(problem)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(cases[:_KEEP]))
        tmp.replace(path)
    except (OSError, TypeError, ValueError):
        pass
