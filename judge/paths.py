"""Where judge keeps its files: the history database (data) and remembered failures (cache).

platformdirs gives the platform's conventions ($XDG_DATA_HOME/judge and $XDG_CACHE_HOME/judge on
Linux, the same paths judge used before it, so existing users keep their history); JUDGE_DATA_DIR and
JUDGE_CACHE_DIR override them (the tests give every test its own). On Linux the two XDG rules are
applied here, exactly as platformdirs applies them (tests/test_cli_imports.py compares): importing
platformdirs costs every command, even `judge list`, more than its whole remaining work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "judge"


def _xdg(variable: str, default: str) -> Path | None:
    """platformdirs' Unix rule: the variable unless empty or blank, else the default under home.
    None off Linux (macOS and Windows have other conventions: platformdirs knows them)."""
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "")
    return Path(base if base.strip() else os.path.expanduser(default)) / APP


def data_dir(override: Path | str | None = None) -> Path:
    """The folder holding history.sqlite3: an explicit override, JUDGE_DATA_DIR, or the platform default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("JUDGE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    found = _xdg("XDG_DATA_HOME", "~/.local/share")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    env = os.environ.get("JUDGE_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    found = _xdg("XDG_CACHE_HOME", "~/.cache")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))
