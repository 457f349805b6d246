"""Failing cases remembered between runs, so the case that failed last time is tried first next time.

Stored as JSON under the user's cache directory (JUDGE_CACHE_DIR overrides it, for tests).
"""

from __future__ import annotations

import json
from pathlib import Path

from judge.paths import cache_dir
from judge.suite import Step

_KEEP = 10


def _path(problem: str, part: int) -> Path:
    # Part 1 keeps the name it had before parts existed; later parts have cases part 1 cannot run.
    name = problem if part == 1 else f"{problem}.part{part}"
    return cache_dir() / "failures" / f"{name}.json"


def recall(problem: str, part: int = 1) -> list[list[Step]]:
    try:
        data = json.loads(_path(problem, part).read_text())
    except (OSError, ValueError):
        return []
    return [case for case in data if isinstance(case, list)] if isinstance(data, list) else []


def remember(problem: str, steps: list[Step], part: int = 1) -> None:
    """Keep the newest failures first; an unwritable cache only costs the shortcut, never the run."""
    cases = [c for c in recall(problem, part) if c != steps]
    cases.insert(0, steps)
    try:
        path = _path(problem, part)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(cases[:_KEEP]))
        tmp.replace(path)
    except (OSError, TypeError, ValueError):
        pass
