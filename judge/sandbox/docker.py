"""Docker: one hardened, throw-away container per run, driven over the engine's attach socket.

The container sees the runner image (Debian's python3 and sortedcontainers, nothing else), the
submission copy and the harness, both bound read-only, and a small private tmpfs on /tmp. It has
no network, a read-only root, no capabilities, no way to gain privileges, a non-root uid, a memory
limit with no swap beyond it, a pids limit, a CPU quota, and the same rlimits the other backends
set before exec (as engine ulimits), so SIGXCPU still means "CPU time limit".

Why the SDK's attach socket and not `docker run -i`: one object gives kill, wait, State.OOMKilled
and remove; no client process sits in between; and stderr cannot stall the protocol (the CLI
demuxes both streams in one goroutine). The socket carries 8-byte-header frames whose boundaries
do not line up with lines, so a thread splits them into two OS pipes and the judge reads those
exactly as it reads a Popen's stdout/stderr.

Containers outlive a judge that dies, so every container is labelled, removed on every exit path
the judge can see (normal end, exception, Ctrl-C, SIGTERM/SIGHUP, interpreter exit), and
containers left behind by a judge that was killed outright are swept away on the next start.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import select
import signal
import socket
import struct
import subprocess
import threading
import time
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from judge.errors import SandboxUnavailable
from judge.image import engine_address, engine_problem, image_tag
from judge.models import Limits, Verdict
from judge.sandbox.base import (
    SANDBOX_JUDGE,
    SANDBOX_SOLUTION,
    Availability,
    Sandbox,
    SandboxFailure,
    Staging,
    Started,
    clean_env,
)

if TYPE_CHECKING:
    import docker as docker_sdk
    from docker.models.containers import Container


LABEL = "judge"  # every container this backend creates carries judge=1
LABEL_OWNER = "judge.owner"  # "<hostname>:<pid>" of the judge process that created it
LABEL_EXPIRES = "judge.expires"  # unix time after which the container is certainly stale
STALE_GRACE_SECONDS = 180  # a container outliving its run's wall limit by this much is abandoned
STALE_UNLABELLED_SECONDS = 300  # judge=1 containers without an expiry label: "a few minutes"
WATCHDOG_GRACE_SECONDS = 5.0  # after the run's wall limit the runner has already given up
PROBE_TIMEOUT = 2.0  # availability() must stay cheap even with a hung engine
API_TIMEOUT = 30.0
# Debian's python3 looks for packages here, but the harness runs `python3 -I -S`, and -S leaves
# dist-packages off sys.path; the harness appends JUDGE_SITE instead (sortedcontainers lives here).
IMAGE_SITE = "/usr/lib/python3/dist-packages"
IMAGE_PYTHON = "/usr/bin/python3"
SANDBOX_USER = "65534:65534"  # nobody:nogroup, present in Debian's base passwd


# -- container configuration (pure: the tests inspect it) ------------------------------------
def python_argv() -> list[str]:
    # -I: ignore PYTHON* env and the user site; -S: no site-packages; -B: the root is read-only.
    return [IMAGE_PYTHON, "-I", "-S", "-B", f"{SANDBOX_JUDGE}/harness.py"]


def tmpfs_mb(limits: Limits) -> int:
    # Small: tmpfs pages are charged to the container's memory cgroup. The largest file a
    # submission may write is file_mb anyway (RLIMIT_FSIZE).
    return max(1, min(limits.file_mb, 64))


def container_config(staging: Staging, limits: Limits, image: str, *, owner: str = "",
                     expires: float = 0.0) -> dict[str, Any]:
    """The keyword arguments for `client.containers.create`: every hardening setting is here."""
    from docker.types import LogConfig, Mount, Ulimit

    cpu_s = max(1, int(limits.cpu_seconds + 0.999))
    fsize = limits.file_mb * 1024 * 1024
    memory = f"{limits.memory_mb}m"
    return {
        "image": image,
        "command": python_argv(),
        "name": f"judge-{os.getpid()}-{uuid.uuid4().hex[:10]}",
        "labels": {LABEL: "1", LABEL_OWNER: owner, LABEL_EXPIRES: str(int(expires))},
        # The protocol pipe: stdin stays open for the whole run; no TTY, so stdout and stderr stay
        # apart (a TTY would also turn detach keys on).
        "stdin_open": True,
        "tty": False,
        "user": SANDBOX_USER,
        "working_dir": "/tmp",
        "hostname": "sandbox",
        # Explicit and minimal: nothing of the judge's environment (tokens, keys) reaches inside.
        # No JUDGE_NPROC: pids_limit below counts the container's processes without RLIMIT_NPROC,
        # which would count every process of uid 65534 on the host.
        "environment": clean_env({"JUDGE_SITE": IMAGE_SITE}),
        "network_mode": "none",  # only a loopback interface
        "read_only": True,
        "tmpfs": {"/tmp": f"rw,noexec,nosuid,nodev,size={tmpfs_mb(limits)}m,mode=1777"},
        "ipc_mode": "none",  # no /dev/shm: another writable tmpfs nobody needs
        "mem_limit": memory,
        "memswap_limit": memory,  # equal to mem_limit: no swap on top, where the host has any
        # +1: tini, the container's PID 1, counts against the limit too.
        "pids_limit": limits.processes + 1,
        "nano_cpus": 1_000_000_000,  # one CPU: the same budget a single-threaded run has under bwrap
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],  # the engine's default seccomp profile stays on
        # The rlimits bwrap/process set before exec (base.rlimits_preexec); the engine applies them
        # to PID 1 and everything inherits them. Soft CPU first, so SIGXCPU names the CPU limit.
        # RLIMIT_AS is not offered by the engine; the memory cgroup above is the memory limit.
        "ulimits": [
            Ulimit(name="cpu", soft=cpu_s, hard=cpu_s + 1),
            Ulimit(name="fsize", soft=fsize, hard=fsize),
            Ulimit(name="nofile", soft=256, hard=256),
            Ulimit(name="core", soft=0, hard=0),
        ],
        # Nothing of the host but these two, read-only.
        "mounts": [
            Mount(target=SANDBOX_SOLUTION, source=str(staging.solution), type="bind", read_only=True),
            Mount(target=SANDBOX_JUDGE, source=str(staging.judge_dir), type="bind", read_only=True),
        ],
        # tini as PID 1: signals are delivered, and a child killed by signal N becomes exit 128+N.
        "init": True,
        # The attach socket streams the output; the default json-file driver would also keep every
        # byte of it on the host's disk until the container is removed.
        "log_config": LogConfig(type="none"),
    }


# -- the engine ---------------------------------------------------------------------------------
def _connect(timeout: float) -> docker_sdk.DockerClient:
    import docker

    return docker.from_env(timeout=timeout)


_client_lock = threading.Lock()
_client_cache: list[docker_sdk.DockerClient] = []


def client() -> docker_sdk.DockerClient:
    """One client per judge process (its connection pool serves the waiter threads too)."""
    with _client_lock:
        if not _client_cache:
            _client_cache.append(_connect(API_TIMEOUT))
        return _client_cache[0]


@cache
def _probe() -> Availability:
    """Engine reachable? Image there? A few API calls bounded by ~2 s each, once per judge process."""
    try:
        import docker
    except ImportError:
        return Availability(False, "the Docker SDK for Python is not installed", "pip install 'docker>=7'")
    try:
        probe = docker.from_env(timeout=PROBE_TIMEOUT)  # asks the engine for its API version
    except Exception as exc:  # no socket, permission denied, a hung engine...
        return Availability(False, *engine_problem(exc))
    tag = image_tag()
    try:
        version = probe.version().get("Version", "?")
        try:
            size = probe.api.inspect_image(tag).get("Size", 0)
        except docker.errors.ImageNotFound:
            detail = f"Docker engine {version} answers at {engine_address()}, but the image {tag} is missing"
            return Availability(False, detail, "judge image build")
    except Exception as exc:
        return Availability(False, *engine_problem(exc))
    finally:
        probe.close()
    mb = size // 1_000_000
    return Availability(True, f"Docker engine {version} at {engine_address()}, image {tag} ({mb} MB)")


def refresh_availability() -> None:
    """Forget the cached probe (after `judge image build`, say)."""
    _probe.cache_clear()


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
        if _is_stale(row.get("Labels") or {}, float(row.get("Created", now)), now):
            with contextlib.suppress(Exception):
                api.remove_container(row["Id"], force=True)
                removed.append(row["Id"])
    return removed


def _is_stale(labels: dict[str, str], created: float, now: float) -> bool:
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
        return not _alive(int(pid))
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- cleanup on every exit the judge sees -------------------------------------------------------
_live: dict[str, ContainerProcess] = {}
_live_lock = threading.Lock()
_saved_handlers: dict[int, Any] = {}
_atexit_registered = False
_swept = False


def _on_terminate(signum: int, frame: Any) -> None:
    # Unwinds the main thread like Ctrl-C does, so `with Runner(...)` closes (and removes) the
    # container on the way out; the default action would end the process with it still running.
    raise SystemExit(128 + signum)


def _arm_exit_cleanup() -> None:
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


def _disarm_if_idle() -> None:
    """Give SIGTERM/SIGHUP their old meaning back once no container of this process is left."""
    with _live_lock:
        idle = not _live
    if idle and threading.current_thread() is threading.main_thread():
        for sig, previous in list(_saved_handlers.items()):
            if signal.getsignal(sig) is _on_terminate:
                signal.signal(sig, previous)
            del _saved_handlers[sig]


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _track(process: ContainerProcess) -> None:
    with _live_lock:
        _live[process.id] = process


def _untrack(process: ContainerProcess) -> None:
    with _live_lock:
        _live.pop(process.id, None)
    _disarm_if_idle()


def _remove_all() -> None:
    """At interpreter exit: whatever this process created and did not remove (close() skipped by
    an exception path, or a second Ctrl-C during cleanup)."""
    with _live_lock:
        live = list(_live.values())
    for process in live:
        process.remove()
    with contextlib.suppress(Exception):
        api = client().api
        for row in api.containers(all=True, filters={"label": f"{LABEL_OWNER}={_owner()}"}):
            api.remove_container(row["Id"], force=True)


# -- a Popen look-alike over the attach socket --------------------------------------------------
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

    def __init__(self, container: Container, sock: socket.socket, limits: Limits) -> None:
        self.container = container
        self.id: str = container.id or ""
        self.args = container.name
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
            self.pid = int(self.container.client.api.inspect_container(self.id)["State"]["Pid"])

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
        api = self.container.client.api
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
            self.container.client.api.kill(self.id)

    # after the end -------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The engine's State (OOMKilled...), read once after exit and before removal."""
        if self._state is not None:
            return self._state
        try:
            state = dict(self.container.client.api.inspect_container(self.id)["State"])
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
            self.container.client.api.remove_container(self.id, force=True)
        self.stdin.closed = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the demux thread if it still waits in recv
        with contextlib.suppress(OSError):
            self._sock.close()
        if self._demux.ident is None:  # never started: its pipe ends are still open here
            for fd in (self._out_w, self._err_w):
                with contextlib.suppress(OSError):
                    os.close(fd)
        _untrack(self)


def _start_failed(exc: Exception, tag: str) -> SandboxUnavailable:
    """An engine error while starting becomes the one-line, fix-naming error choose() gives."""
    from docker.errors import ImageNotFound

    if isinstance(exc, ImageNotFound):
        return SandboxUnavailable(f"the runner image {tag} is missing; fix: judge image build")
    why = " ".join(str(getattr(exc, "explanation", None) or exc).split())[:300]
    return SandboxUnavailable(f"the Docker engine could not start the sandbox: {why}; fix: judge doctor")


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


def _socket_of(attached: Any) -> socket.socket:
    # For a unix or plain TCP engine, attach_socket returns a SocketIO around the real socket;
    # for TLS it is already the SSL socket. Reading the raw socket skips http.client's buffer,
    # which is empty here because nothing was written before start().
    raw = getattr(attached, "_sock", None)
    return cast(socket.socket, raw if raw is not None else attached)


# -- the backend --------------------------------------------------------------------------------
class DockerSandbox(Sandbox):
    name = "docker"

    @classmethod
    def availability(cls) -> Availability:
        return _probe()

    def start(self, staging: Staging, limits: Limits) -> Started:
        global _swept
        tag = image_tag()
        try:
            docker_client = client()
        except Exception as exc:  # the engine went away since availability() said yes
            raise _start_failed(exc, tag) from exc
        if not _swept:
            _swept = True
            with contextlib.suppress(Exception):  # a failed sweep must never fail a run
                sweep_stale()
        config = container_config(
            staging, limits, tag, owner=_owner(),
            expires=time.time() + limits.wall_seconds + STALE_GRACE_SECONDS,
        )
        _arm_exit_cleanup()
        try:
            container = docker_client.containers.create(**config)
        except BaseException as exc:
            _disarm_if_idle()
            if isinstance(exc, Exception):
                raise _start_failed(exc, tag) from exc
            raise
        process: ContainerProcess | None = None
        try:
            # Attach before start, so not a byte of output can be missed.
            attached = docker_client.api.attach_socket(
                container.id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
            )
            sock = _socket_of(attached)
            sock.settimeout(None)  # the client's request timeout must not cut a quiet run short
            process = ContainerProcess(container, sock, limits)
            _track(process)
            container.start()
            process.begin()
        except BaseException as exc:  # Ctrl-C included: never leave a created container behind
            if process is not None:
                process.remove()
            else:
                with contextlib.suppress(Exception):
                    container.remove(force=True)
                _disarm_if_idle()
            if isinstance(exc, Exception):
                raise _start_failed(exc, tag) from exc
            raise
        return Started(
            process=cast("subprocess.Popen[bytes]", process),  # duck-typed: see ContainerProcess
            solution_path=SANDBOX_SOLUTION,
            cleanup=process.remove,
        )

    def kill(self, started: Started) -> None:
        process = cast(ContainerProcess, started.process)
        process.kill()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.remove()  # the engine did not confirm the kill: force-remove it outright

    def signal_name(self, returncode: int) -> str | None:
        # tini reports a child killed by signal N as exit status 128 + N (SIGKILL: 137).
        if returncode > 128:
            return super().signal_name(-(returncode - 128))
        return None

    def verdict_for_exit(self, started: Started, code: int, limits: Limits) -> SandboxFailure | None:
        """Name what the exit status alone cannot: the memory cgroup's OOM kill, the watchdog."""

        process = cast(ContainerProcess, started.process)
        if process.state().get("OOMKilled"):
            limit = f"memory {limits.memory_mb} MB"
            return SandboxFailure(
                Verdict.MEMORY_LIMIT_EXCEEDED, f"killed by the out-of-memory killer: over the {limit}", limit
            )
        if process.killed_at_wall:
            limit = f"wall time {limits.wall_seconds:g} s for the whole run"
            return SandboxFailure(Verdict.TIME_LIMIT_EXCEEDED, f"still running at the {limit}", limit)
        return None
