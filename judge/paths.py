"""Where judge keeps its files: the history database (data) and remembered failures (cache).

platformdirs gives the platform's conventions ($XDG_DATA_HOME/judge and $XDG_CACHE_HOME/judge on
Linux, the same paths judge used before it, so existing users keep their history); JUDGE_DATA_DIR and
JUDGE_CACHE_DIR override them (the tests give every test its own).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "judge"


def data_dir(override: Path | str | None = None) -> Path:
    """The folder holding history.sqlite3: an explicit override, JUDGE_DATA_DIR, or the platform default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("JUDGE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    env = os.environ.get("JUDGE_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))
