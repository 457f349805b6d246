"""What every sandbox backend provides: a way to start the harness under limits, to say why not, and
to say which limit a run that ended hit.

A backend turns a staged directory (the submission copy plus the language's harness files) into a
running process whose stdin/stdout carry the protocol and whose stderr carries what the submission
printed. Nothing here knows a language: `Staging.language` says what to run and what to show.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from judge.languages.base import Language
from judge.models import Limits, Verdict
from judge.sandbox.cgroup import RunCgroup

SANDBOX_DIR = "/sandbox"  # the submission, and the packages it may import, as the sandbox sees them
SANDBOX_JUDGE = "/judge"  # the harness files


def sandbox_solution(language: Language) -> str:
    """Where the submission is inside an isolated sandbox."""
    return f"{SANDBOX_DIR}/{language.solution_file}"


@dataclass
class SandboxFailure(Exception):
    """The sandbox stopped answering (a limit hit, a crash, a forged reply): maps straight to a verdict."""

    verdict: Verdict
    message: str
    limit: str | None = None
    step: int | None = None  # a time limit: which step of the case was running, if the harness said

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

    def add_harness_files(self, sources: tuple[Path, ...]) -> None:
        """Copy harness files into judge_dir, readable by a sandbox that runs as another uid."""
        for source in sources:
            target = self.judge_dir / source.name
            shutil.copyfile(source, target)
            target.chmod(0o644)


@dataclass
class Started:
    process: subprocess.Popen[bytes]
    solution_path: str  # the submission's path as the harness sees it
    cleanup: Callable[[], None] | None = None  # run after the process is gone
    cgroup: RunCgroup | None = None  # where the judge could create one: see cgroup.py


def _while(during: str) -> str:
    return f" while {during}" if during else ""


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
        """Kill the whole sandbox (a process group and its cgroup here; a container in Docker)."""
        process = started.process
        # The processes inside first, while the process we started is alive to reap them: bwrap's
        # pid-namespace init runs in a session of its own, out of reach of the group kill, and
        # once the outer bwrap is gone it would be handed to init, still dying, after the judge
        # returned. Killed from the bottom up and waited for, nothing of the run outlives this call.
        if process.poll() is None:
            kill_tree([pid for pid in descendants(process.pid) if pid != process.pid])
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

    def whole_run_limits(self, started: Started) -> bool:
        """Whether memory and processes are capped for the run as a whole (a cgroup) rather than per
        process (rlimits): a run that forks can otherwise use its memory limit in each process."""
        return started.cgroup is not None

    def cpu_seconds(self, started: Started) -> float | None:
        """CPU time the whole sandbox has used so far, read from outside it (the submission cannot
        fake it): the run's cgroup where there is one (ns resolution, exited processes included),
        else the process tree under the started process, from /proc (10 ms ticks, live ones only)."""
        if started.cgroup is not None:
            seconds = started.cgroup.cpu_seconds()
            if seconds is not None:
                return seconds
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

    def memory_failure(self, started: Started, limits: Limits, during: str = "") -> SandboxFailure | None:
        """MEMORY_LIMIT_EXCEEDED if the run's memory cgroup OOM-killed, or held up, the submission."""
        group = started.cgroup
        if group is None or not group.memory_limit:
            return None
        limit = f"memory {limits.memory_mb} MB"
        if group.oom_killed():
            return SandboxFailure(Verdict.MEMORY_LIMIT_EXCEEDED,
                                  f"killed by the out-of-memory killer{_while(during)}: over the {limit}", limit)
        return None

    def exit_failure(self, started: Started, code: int | None, limits: Limits,
                     during: str = "") -> SandboxFailure | None:
        """Why the sandbox ended, as a verdict naming the limit it hit.

        `code` is the exit status the backend reported, or None when the judge itself stopped the
        run at a wall limit: then only a limit that explains the stop better than the clock is
        returned (the memory cgroup had run out: the submission was stuck reclaiming or being
        killed), else None and the caller's time limit stands. With a status, always a failure.
        `during` ("running a case of 4 calls") ends up in the message.
        """
        oom = self.memory_failure(started, limits, during)
        if code is None:
            group = started.cgroup
            if oom is None and group is not None and group.memory_at_limit():
                limit = f"memory {limits.memory_mb} MB"
                return SandboxFailure(Verdict.MEMORY_LIMIT_EXCEEDED,
                                      f"stopped at the memory limit{_while(during)}: over the {limit}", limit)
            return oom
        signame = self.signal_name(code)
        if signame == "SIGXCPU":
            limit = f"CPU time {limits.cpu_seconds:g} s"
            return SandboxFailure(Verdict.TIME_LIMIT_EXCEEDED, f"used up the {limit}{_while(during)}", limit)
        if oom is not None:
            return oom
        if signame == "SIGKILL":
            return SandboxFailure(
                Verdict.RUNTIME_ERROR,
                f"the process was killed (SIGKILL){_while(during)}: CPU hard limit "
                f"{limits.cpu_seconds:g} s or memory {limits.memory_mb} MB",
            )
        if signame == "SIGSYS":
            return SandboxFailure(Verdict.RUNTIME_ERROR,
                                  f"the process made a system call the sandbox forbids (SIGSYS){_while(during)}")
        if signame:
            return SandboxFailure(Verdict.RUNTIME_ERROR, f"the process crashed with {signame}{_while(during)}")
        return SandboxFailure(Verdict.RUNTIME_ERROR, f"the process exited with status {code}{_while(during)}")


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class _Proc:
    parent: int
    ticks: int  # utime + stime
    state: bytes  # R, S, Z ...


def _processes() -> dict[int, _Proc]:
    """Every process on the machine, from /proc/PID/stat (the name in (...) may hold spaces)."""
    found: dict[int, _Proc] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) >= 13:
            found[int(entry)] = _Proc(int(fields[1]), int(fields[11]) + int(fields[12]), fields[0])
    return found


def descendants(root: int, table: dict[int, _Proc] | None = None) -> list[int]:
    """`root` and every process below it, as /proc shows them now."""
    table = _processes() if table is None else table
    if root not in table:
        return []
    children: dict[int, list[int]] = {}
    for pid, proc in table.items():
        children.setdefault(proc.parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def process_tree_cpu_seconds(root: int) -> float | None:
    """utime + stime of `root` and its live descendants (clock ticks: ~10 ms resolution)."""
    table = _processes()
    tree = descendants(root, table)
    if not tree:
        return None
    return sum(table[pid].ticks for pid in tree) / _CLOCK_TICKS


def kill_tree(pids: list[int], timeout: float = 2.0) -> None:
    """SIGKILL each process and wait until each is gone or a zombie for init to reap: a sandbox's
    inner processes (bwrap's pid-namespace init, say) are not the judge's children, so waiting on
    the one it started is not enough to know they are gone when the judge exits."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + timeout
    waiting = list(pids)
    while waiting and time.monotonic() < deadline:
        table = _processes()
        waiting = [pid for pid in waiting if pid in table and table[pid].state != b"Z"]
        if waiting:
            time.sleep(0.005)


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """An explicit, empty environment: none of the judge's variables (tokens, keys) reach the sandbox."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp"}
    env.update(extra or {})
    return env
