"""Leftovers of judges that died without cleaning up (killed outright, say): found by the pid their
creator wrote into their names, removed once that pid is gone.

One rule for every kind of leftover (run cgroups, staging directories, containers): a thing named
`<prefix>-<pid>-<anything>` whose pid no longer exists is stale. A pid that exists, even reused by
another process, keeps it: a leftover stays a while, harmlessly, rather than a live run losing it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (one of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner_pid(name: str) -> int | None:
    """The creator's pid in `<prefix>-<pid>-<rest>`, or None for a name not made that way."""
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return None
    return int(parts[1])


def sweep_dead_owners(paths: Iterable[Path], remove: Callable[[Path], None]) -> list[Path]:
    """Call `remove` on each path whose creator is gone; returns those paths. `remove` failing
    never stops the sweep: a sweep is housekeeping and must never fail a run."""
    removed = []
    for path in paths:
        pid = owner_pid(path.name)
        if pid is None or pid == os.getpid() or pid_alive(pid):
            continue
        with contextlib.suppress(OSError):
            remove(path)
            removed.append(path)
    return removed
