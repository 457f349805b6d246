"""Containers outlive a judge that dies, so every container is labelled, removed on every exit path
the judge can see (normal end, exception, Ctrl-C, SIGTERM/SIGHUP, interpreter exit), and containers
left behind by a judge that was killed outright are swept away on the next start.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import threading
import time
from typing import Any, Protocol

from judge.sandbox.docker.config import LABEL, LABEL_EXPIRES, LABEL_OWNER
from judge.sandbox.docker.engine import client
from judge.sandbox.sweep import pid_alive

STALE_GRACE_SECONDS = 180  # a container outliving its run's wall limit by this much is abandoned
STALE_UNLABELLED_SECONDS = 300  # judge=1 containers without an expiry label: "a few minutes"


class Removable(Protocol):
    id: str

    def remove(self) -> None: ...


_live: dict[str, Removable] = {}
_live_lock = threading.Lock()
_saved_handlers: dict[int, Any] = {}
_atexit_registered = False


def _on_terminate(signum: int, frame: Any) -> None:
    # Unwinds the main thread like Ctrl-C does, so `with Runner(...)` closes (and removes) the
    # container on the way out; the default action would end the process with it still running.
    raise SystemExit(128 + signum)


def arm() -> None:
    """Before every create. SIGTERM/SIGHUP unwind like Ctrl-C from now on (where nobody else
    handles them), and, since an interrupt can land while the engine creates a container whose id
    the judge never receives, the exit hook also removes by this process's owner label."""
    global _atexit_registered
    with _live_lock:
        if not _atexit_registered:
            atexit.register(_remove_all)
            _atexit_registered = True
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGHUP):
            if sig not in _saved_handlers and signal.getsignal(sig) in (signal.SIG_DFL, None):
                _saved_handlers[sig] = signal.signal(sig, _on_terminate)


def disarm_if_idle() -> None:
    """Give SIGTERM/SIGHUP their old meaning back once no container of this process is left."""
    with _live_lock:
        idle = not _live
    if idle and threading.current_thread() is threading.main_thread():
        for sig, previous in list(_saved_handlers.items()):
            if signal.getsignal(sig) is _on_terminate:
                signal.signal(sig, previous)
            del _saved_handlers[sig]


def owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def track(process: Removable) -> None:
    with _live_lock:
        _live[process.id] = process


def untrack(process: Removable) -> None:
    with _live_lock:
        _live.pop(process.id, None)
    disarm_if_idle()


def _remove_all() -> None:
    """At interpreter exit: whatever this process created and did not remove (close() skipped by
    an exception path, or a second Ctrl-C during cleanup)."""
    with _live_lock:
        live = list(_live.values())
    for process in live:
        process.remove()
    with contextlib.suppress(Exception):
        api = client().api
        for row in api.containers(all=True, filters={"label": f"{LABEL_OWNER}={owner()}"}):
            api.remove_container(row["Id"], force=True)


def sweep_stale(now: float | None = None) -> list[str]:
    """Remove judge=1 containers nobody will clean up any more; returns their ids.

    Stale means: past its own expiry, or created by a judge process on this host that is gone
    (killed with SIGKILL, say), or, for a judge=1 container without an expiry label, older than a
    few minutes. Live runs of other judge processes are left alone.
    """
    now = time.time() if now is None else now
    removed = []
    api = client().api
    for row in api.containers(all=True, filters={"label": f"{LABEL}=1"}):
        if is_stale(row.get("Labels") or {}, float(row.get("Created", now)), now):
            with contextlib.suppress(Exception):
                api.remove_container(row["Id"], force=True)
                removed.append(row["Id"])
    return removed


def is_stale(labels: dict[str, str], created: float, now: float) -> bool:
    try:
        expires = float(labels.get(LABEL_EXPIRES, "0"))
    except ValueError:
        expires = 0.0
    if expires > 0 and now > expires:
        return True
    if expires <= 0 and now - created > STALE_UNLABELLED_SECONDS:
        return True
    host, _, pid = labels.get(LABEL_OWNER, "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid():
        return not pid_alive(int(pid))
    return False
