"""What every sandbox backend provides: a way to start the harness under limits, and to say why not.

A backend turns a staged directory (the submission copy plus the harness files) into a running
process whose stdin/stdout carry the protocol and whose stderr carries what the submission printed.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from judge.models import Limits

SANDBOX_SOLUTION = "/sandbox/solution.py"
SANDBOX_JUDGE = "/judge"


@dataclass(frozen=True)
class Availability:
    ok: bool
    detail: str  # what was found, or why it does not work
    fix: str = ""  # the command or step that makes it work


@dataclass(frozen=True)
class Staging:
    """Host-side files: `solution` and `judge_dir` (harness.py, protocol.py) are all a sandbox
    shows; `scratch` is a writable directory for backends that have no private /tmp of their own."""

    root: Path
    solution: Path
    judge_dir: Path
    scratch: Path


@dataclass
class Started:
    process: subprocess.Popen[bytes]
    solution_path: str  # the submission's path as the harness sees it
    cleanup: object = None  # a callable run after the process is gone, or None


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
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def signal_name(self, returncode: int) -> str | None:
        """The signal that ended the submission, if the exit status says one did."""
        sig = -returncode if returncode < 0 else None
        if sig is None:
            return None
        try:
            return signal.Signals(sig).name
        except ValueError:
            return f"signal {sig}"


def rlimits_preexec(limits: Limits, *, cpu: bool = True, address_space: bool = True) -> object:
    """A preexec_fn that applies the kernel-enforced limits in the child before it execs."""

    def apply() -> None:
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
