"""What every sandbox backend provides: a way to start the harness under limits, and to say why not.

A backend turns a staged directory (the submission copy plus the harness files) into a running
process whose stdin/stdout carry the protocol and whose stderr carries what the submission printed.
"""

from __future__ import annotations

import contextlib
import os
import resource
import secrets
import signal
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from judge.languages.base import Language
from judge.models import Limits, Verdict

SANDBOX_SOLUTION = "/sandbox/solution.py"
SANDBOX_JUDGE = "/judge"


@dataclass
class SandboxFailure(Exception):
    """The sandbox stopped answering (a limit hit, a crash, a forged reply): maps straight to a verdict."""

    verdict: Verdict
    message: str
    limit: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Availability:
    ok: bool
    detail: str  # what was found, or why it does not work
    fix: str = ""  # the command or step that makes it work


@dataclass(frozen=True)
class Staging:
    """Host-side files: `solution` and `judge_dir` (the language's harness files) are all a sandbox
    shows of the judge; `scratch` is a writable directory for backends that have no private /tmp.
    `language` says what runs them: its argv, its interpreter's host paths, its limit adjustments."""

    root: Path
    solution: Path
    judge_dir: Path
    scratch: Path
    language: Language


@dataclass
class Started:
    process: subprocess.Popen[bytes]
    solution_path: str  # the submission's path as the harness sees it
    cleanup: object = None  # a callable run after the process is gone, or None
    cgroup: PidsCgroup | None = None  # as root only: see PidsCgroup


class Sandbox(ABC):
    name: str = ""
    isolated: bool = True
    warning: str | None = None

    @classmethod
    @abstractmethod
    def availability(cls) -> Availability:
        """Whether this backend works on this machine; cheap enough to call on every run."""

    @abstractmethod
    def start(self, staging: Staging, limits: Limits) -> Started:
        """Start the harness. The process must die when `kill` is called on it, children included."""

    def kill(self, started: Started) -> None:
        """Kill the whole sandbox (a process group here; a container in the Docker backend)."""
        process = started.process
        # The group outlives its leader while members are left (a child holding the output pipe
        # open after the harness exited), so it is killed even when the leader is gone. The
        # kernel does not reuse a pid while it is still some process's group id.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        if started.cgroup is not None:
            started.cgroup.kill()  # processes that left the group (setsid) are still in the cgroup
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def cpu_seconds(self, started: Started) -> float | None:
        """CPU time the whole sandbox has used so far, read from outside it (the submission cannot
        fake it): by default the process tree under the started process, from /proc."""
        return process_tree_cpu_seconds(started.process.pid)

    def signal_name(self, returncode: int) -> str | None:
        """The signal that ended the submission, if the exit status says one did."""
        sig = -returncode if returncode < 0 else None
        if sig is None:
            return None
        try:
            return signal.Signals(sig).name
        except ValueError:
            return f"signal {sig}"


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_tree_cpu_seconds(root: int) -> float | None:
    """utime + stime of `root` and its live descendants (clock ticks: ~10 ms resolution)."""
    parents: dict[int, int] = {}
    cpu: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 13:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        cpu[pid] = int(fields[11]) + int(fields[12])
    if root not in cpu:
        return None
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0)
        todo += children.get(pid, [])
    return total / _CLOCK_TICKS


def rlimits_preexec(limits: Limits, *, cpu: bool = True, address_space: bool = True,
                    cgroup: PidsCgroup | None = None) -> Callable[[], None]:
    """A preexec_fn that applies the kernel-enforced limits in the child before it execs."""

    def apply() -> None:
        if cgroup is not None:
            cgroup.enter()
        cpu_s = max(1, int(limits.cpu_seconds + 0.999))
        if cpu:
            # Soft limit first: SIGXCPU names the CPU limit; the hard limit is the backstop.
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        if address_space:
            mem = limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        fsize = limits.file_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    return apply


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """An explicit, empty environment: none of the judge's variables (tokens, keys) reach the sandbox."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp", "PYTHONHASHSEED": "0"}
    env.update(extra or {})
    return env


class PidsCgroup:
    """A pids cgroup for one run, used only when the judge runs as root.

    The kernel does not enforce RLIMIT_NPROC for uid 0 (not even inside bwrap's user namespace,
    where root maps to root), so as root a fork bomb would run until the machine's pid table is
    full. Root can create a cgroup instead: pids.max caps processes and threads, and every member
    can be found and killed, however it left the process group or session. Not available (None)
    for other users, where RLIMIT_NPROC does the job, or where no pids controller is mounted.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, max_pids: int) -> PidsCgroup | None:
        if os.geteuid() != 0:
            return None
        root = _pids_hierarchy()
        if root is None:
            return None
        _sweep(root)
        path = root / f"judge-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(max_pids))
        except OSError:
            with contextlib.suppress(OSError):
                path.rmdir()
            return None
        return cls(path)

    def enter(self) -> None:
        """Move the calling process in (called in the child before exec); children inherit it."""
        with open(self.path / "cgroup.procs", "w") as f:
            f.write(str(os.getpid()))

    def pids(self) -> list[int]:
        try:
            return [int(line) for line in (self.path / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return []

    def kill(self, timeout: float = 2.0) -> None:
        kill_file = self.path / "cgroup.kill"  # cgroup v2, Linux 5.14+: atomic, no race with fork
        if kill_file.exists():
            with contextlib.suppress(OSError):
                kill_file.write_text("1")
        # v1 (or as a check after cgroup.kill): kill what is listed until nothing is; pids.max
        # bounds how many a forking process can add between two rounds.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill()
        for _ in range(50):  # EBUSY for a moment while the last members are being reaped
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.02)


def _sweep(root: Path) -> None:
    """Remove the cgroups of judges that died without cleaning up (killed outright, say)."""
    for stale in root.glob("judge-*-*"):
        creator = stale.name.split("-")[1]
        if not creator.isdigit():
            continue
        try:
            os.kill(int(creator), 0)
            continue  # its judge is alive (or the pid was reused: then it stays, harmlessly)
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        PidsCgroup(stale).remove()


def _pids_hierarchy() -> Path | None:
    """The mount point of a cgroup hierarchy with the pids controller we can create children in."""
    try:
        with open("/proc/self/mountinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, extra = left.split(), right.split()
        if len(fields) < 5 or len(extra) < 3:
            continue
        mount = Path(fields[4])
        if extra[0] == "cgroup" and "pids" in extra[2].split(","):
            return mount
        if extra[0] == "cgroup2":
            try:
                enabled = (mount / "cgroup.subtree_control").read_text().split()
            except OSError:
                continue
            if "pids" in enabled:
                return mount
    return None
