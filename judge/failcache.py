"""Failing cases remembered between runs, so the case that failed last time is tried first next time.

Stored as JSON under the user's cache directory (JUDGE_CACHE_DIR overrides it, for tests), which
also holds Hypothesis's own files (`keep_hypothesis_files_here`), never the user's working directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from judge import protocol
from judge.paths import cache_dir
from judge.suite import Step

_KEEP = 10


def _path(problem: str, part: int) -> Path:
    # Part 1 keeps the name it had before parts existed; later parts have cases part 1 cannot run.
    name = problem if part == 1 else f"{problem}.part{part}"
    return cache_dir() / "failures" / f"{name}.json"


def keep_hypothesis_files_here() -> None:
    """Point Hypothesis's storage (its constants cache, charmap) at our cache dir.

    Hypothesis writes `.hypothesis/` into the current directory even with database=None: since
    6.131 it caches the constants it collects from local modules (the judge's and the problems'
    own source files) under `storage_directory("constants")`, whose default is `Path.cwd() /
    ".hypothesis"`, fixed when hypothesis is imported. HYPOTHESIS_STORAGE_DIRECTORY, if the user
    set it, wins. Cheap and idempotent: call it before every run."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        return
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(cache_dir() / "hypothesis")


def recall(problem: str, part: int = 1) -> list[list[Step]]:
    """The remembered cases, newest first, their values as the suite made them: stored in the wire's
    tagged form, so a Decimal argument (liquidation's) comes back a Decimal, not a refusal to store."""
    try:
        data = json.loads(_path(problem, part).read_text())
        if not isinstance(data, list):
            return []
        return [[[name, [protocol.decode_value(a) for a in args]] for name, args in case]
                for case in data if isinstance(case, list)]
    except (OSError, ValueError, TypeError):  # unreadable or not cases: only the shortcut is lost
        return []


def remember(problem: str, steps: list[Step], part: int = 1) -> None:
    """Keep the newest failures first; an unwritable cache only costs the shortcut, never the run."""
    cases = [c for c in recall(problem, part) if c != steps]
    cases.insert(0, steps)
    try:
        path = _path(problem, part)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps([protocol.encode_steps(case) for case in cases[:_KEEP]]))
        tmp.replace(path)
    except (OSError, TypeError, ValueError):
        pass
