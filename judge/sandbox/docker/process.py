"""A `subprocess.Popen` look-alike over the engine's attach socket, for one started container.

Why the attach socket and not `docker run -i`: one object gives kill, wait, State.OOMKilled and
remove; no client process sits in between; and stderr cannot stall the protocol (the CLI demuxes
both streams in one goroutine). The socket carries 8-byte-header frames whose boundaries do not line
up with lines, so a thread splits them into two OS pipes and the judge reads those exactly as it
reads a Popen's stdout/stderr.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import struct
import subprocess
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from judge.models import Limits

if TYPE_CHECKING:
    from docker.models.containers import Container

WATCHDOG_GRACE_SECONDS = 5.0  # after the run's wall limit the runner has already given up


class _SocketWriter:
    """What the runner writes requests to: the container's stdin, via the attach socket."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.closed = False

    def write(self, data: bytes) -> int:
        if self.closed:
            raise ValueError("write to closed stdin")
        self._sock.sendall(data)
        return len(data)

    def flush(self) -> None:
        """sendall has already handed everything to the engine."""

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_WR)  # EOF on the process's stdin


class ContainerProcess:
    """The subset of `subprocess.Popen` the runner uses, for one started container."""

    def __init__(self, container: Container, sock: socket.socket, limits: Limits,
                 on_remove: Callable[[ContainerProcess], None] = lambda process: None) -> None:
        self.container = container
        self.id: str = container.id or ""
        self.args: str = container.name or self.id
        assert container.client is not None  # a container the client created has its client
        self._api = container.client.api
        self._sock = sock
        self.stdin = _SocketWriter(sock)
        out_r, self._out_w = os.pipe()
        err_r, self._err_w = os.pipe()
        for fd in (self._out_w, self._err_w):
            os.set_blocking(fd, False)  # see _write_all: the demux thread must never hang on a reader
        self.stdout = os.fdopen(out_r, "rb")
        self.stderr = os.fdopen(err_r, "rb")
        self.returncode: int | None = None
        self.pid = 0
        self.killed_at_wall = False
        self._killed = threading.Event()
        self._exited = threading.Event()
        self._state: dict[str, Any] | None = None
        self._removed = False
        self._lock = threading.Lock()
        self._on_remove = on_remove
        self._demux = threading.Thread(target=self._demux_loop, daemon=True, name="docker-demux")
        self._waiter = threading.Thread(target=self._wait_loop, daemon=True, name="docker-wait")
        # Belt and braces: the runner kills at its deadline; this kills even if the judge hangs.
        self._watchdog = threading.Timer(limits.wall_seconds + WATCHDOG_GRACE_SECONDS, self._wall_kill)
        self._watchdog.daemon = True

    def begin(self) -> None:
        """Called once the container runs."""
        self._demux.start()
        self._waiter.start()
        self._watchdog.start()
        with contextlib.suppress(Exception):
            # The host pid of the container's PID 1 (tini); informational, as Popen.pid is.
            self.pid = int(self._api.inspect_container(self.id)["State"]["Pid"])

    # threads -------------------------------------------------------------------------------
    def _demux_loop(self) -> None:
        """Split the engine's frames (>BxxxL header: stream 1 stdout, 2 stderr) into two pipes."""
        fds = {1: self._out_w, 2: self._err_w}
        dead: set[int] = set()
        buf = bytearray()
        try:
            while True:
                chunk = self._sock.recv(65536)
                if not chunk:
                    break
                buf += chunk
                while len(buf) >= 8:
                    stream, size = struct.unpack(">BxxxL", buf[:8])
                    if len(buf) < 8 + size:
                        break
                    payload = bytes(buf[8 : 8 + size])
                    del buf[: 8 + size]
                    fd = fds.get(stream, self._err_w)
                    if fd in dead:
                        continue
                    try:
                        _write_all(fd, payload, self._killed)
                    except OSError:  # the reader went away: drop that stream, keep the other
                        dead.add(fd)
        except OSError:
            pass
        finally:
            for fd in (self._out_w, self._err_w):
                with contextlib.suppress(OSError):
                    os.close(fd)

    def _wait_loop(self) -> None:
        api = self._api
        code = -1
        try:
            code = int(api.wait(self.id, timeout=None)["StatusCode"])
        except Exception:
            with contextlib.suppress(Exception):
                code = int(api.inspect_container(self.id)["State"]["ExitCode"])
        self.returncode = code
        self._exited.set()
        self._watchdog.cancel()

    def _wall_kill(self) -> None:
        self.killed_at_wall = True
        self.kill()

    # Popen interface -----------------------------------------------------------------------
    def poll(self) -> int | None:
        return self.returncode if self._exited.is_set() else None

    def wait(self, timeout: float | None = None) -> int:
        if not self._exited.wait(timeout):
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        self._killed.set()
        if self._exited.is_set():
            return
        with contextlib.suppress(Exception):  # 409 when it already stopped, 404 when removed
            self._api.kill(self.id)

    # after the end -------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The engine's State (OOMKilled...), read once after exit and before removal."""
        if self._state is not None:
            return self._state
        try:
            state = dict(self._api.inspect_container(self.id)["State"])
        except Exception:
            return {}
        if self._exited.is_set():  # a running container's State is not final yet
            self._state = state
        return state

    def remove(self) -> None:
        with self._lock:
            if self._removed:
                return
            self._removed = True
        self._watchdog.cancel()
        if self._exited.is_set():
            self.state()  # keep OOMKilled readable after removal
        with contextlib.suppress(Exception):
            self._api.remove_container(self.id, force=True)
        self.stdin.closed = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the demux thread if it still waits in recv
        with contextlib.suppress(OSError):
            self._sock.close()
        if self._demux.ident is None:  # never started: its pipe ends are still open here
            for fd in (self._out_w, self._err_w):
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._on_remove(self)


def _write_all(fd: int, data: bytes, give_up: threading.Event) -> None:
    """Write to a non-blocking pipe, waiting for the reader, unless the container is being killed.

    The engine reports a container's exit only once its output has been copied out, so a demux
    thread stuck on a full pipe nobody drains any more would stall the kill. After a kill, what is
    still in flight is dropped: the verdict is already decided, and the first bytes were kept."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            if give_up.is_set():
                return
            select.select([], [fd], [], 0.05)
            continue
        view = view[written:]


def socket_of(attached: Any) -> socket.socket:
    # For a unix or plain TCP engine, attach_socket returns a SocketIO around the real socket;
    # for TLS it is already the SSL socket. Reading the raw socket skips http.client's buffer,
    # which is empty here because nothing was written before start().
    raw = getattr(attached, "_sock", None)
    return cast(socket.socket, raw if raw is not None else attached)
