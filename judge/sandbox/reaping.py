"""No sandbox process outlives the judge, not even as a zombie handed to init.

bwrap's outer process exits as soon as its pid-namespace init reports the exit status, before that
init is reaped; the init is then re-parented, dead, to whoever adopts orphans. A judge process that
declares itself a child subreaper adopts them itself and reaps them before it exits, so a judge
leaves nothing behind. Only the CLI does this (its process is the judge's whole life); a library
caller (a test runner, say) keeps its own process's behaviour.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import time

_PR_SET_CHILD_SUBREAPER = 36
_adopting = False


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants' orphans, and reap them all at exit."""
    global _adopting
    if _adopting or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    _adopting = True
    atexit.register(reap_adopted)


def reap_adopted() -> int:
    """Reap every child that has exited (adopted orphans included); returns how many were reaped.
    Called where no child of ours is still wanted, so an exit status nobody waits for is lost freely."""
    reaped = 0
    with contextlib.suppress(ChildProcessError):
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            reaped += 1
    return reaped


def reap(pids: list[int], timeout: float = 1.0) -> None:
    """Reap these processes once they are dead and ours (adopted); others are left alone."""
    if not _adopting:
        return
    deadline = time.monotonic() + timeout
    waiting = list(pids)
    while waiting and time.monotonic() < deadline:
        still = []
        for pid in waiting:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue  # not ours (yet: its parent may still be about to exit) or already reaped
            if done == 0:
                still.append(pid)
        waiting = still
        if waiting:
            time.sleep(0.005)
