"""Starting a sandbox's first process on the host (bwrap, process): one place for the Popen, the
rlimits, the run's cgroup and the drop from root, so that the backends differ only in their argv.
"""

from __future__ import annotations

import os
import resource
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.models import Limits
from judge.sandbox.base import Staging, Started, clean_env
from judge.sandbox.cgroup import RunCgroup

NOBODY = 65534  # the uid and gid submissions run as: owns nothing on the host, holds no capability


@dataclass(frozen=True)
class Launch:
    argv: list[str]
    solution_path: str  # the submission as the harness sees it
    env: dict[str, str]
    cwd: Path | None = None
    pass_fds: Sequence[int] = ()
    address_space: bool = True


def rlimits_preexec(limits: Limits, address_space_mb: int | None, *,
                    cgroup: RunCgroup | None = None) -> Callable[[], None]:
    """A preexec_fn: into the run's cgroup (which needs the judge's uid: the cgroup files are its
    own), then the kernel-enforced limits, inherited by everything the process starts."""

    def apply() -> None:
        if cgroup is not None:
            cgroup.enter()
        cpu_s = max(1, int(limits.cpu_seconds + 0.999))
        # Soft limit first: SIGXCPU names the CPU limit; the hard limit is the backstop.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        if address_space_mb is not None:
            mem = address_space_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        fsize = limits.file_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    return apply


def address_space_mb(staging: Staging, limits: Limits, cgroup: RunCgroup | None) -> int:
    """RLIMIT_AS for one run.

    Without a memory cgroup it is the memory limit (plus the language's grace). With one, the
    cgroup is the limit: it counts what is really used, by every process, tmpfs and memfd pages
    included. RLIMIT_AS then only catches reservations far beyond it (one huge allocation fails at
    once with the language's own out-of-memory error), at twice the limit, so that a submission that
    grows step by step meets the cgroup first and is killed on the spot, instead of meeting
    RLIMIT_AS first and spending its per-call time in its runtime's out-of-memory path (CPython's
    full garbage collection of a heap that has just filled up: 0.2 s idle, seconds on a busy machine,
    which used to turn a leak into time_limit_exceeded).
    """
    base = staging.language.address_space_mb(limits)
    if cgroup is not None and cgroup.memory_limit:
        return base + limits.memory_mb
    return base


def start(staging: Staging, limits: Limits, extra_pids: int,
          make: Callable[[RunCgroup | None], Launch]) -> Started:
    """Popen what `make` says in a new session, in a fresh cgroup where the judge can make one
    (`make` is told whether there is one; `extra_pids`: processes of the sandbox machinery itself,
    bwrap or a reaper, that count against the cgroup's pids limit too)."""
    cgroup = RunCgroup.create(limits.memory_mb * 1024 * 1024, limits.processes + extra_pids)
    try:
        launch = make(cgroup)
        space = address_space_mb(staging, limits, cgroup) if launch.address_space else None
        process = subprocess.Popen(
            launch.argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=launch.cwd,
            env=clean_env(launch.env),
            pass_fds=tuple(launch.pass_fds),
            preexec_fn=rlimits_preexec(limits, space, cgroup=cgroup),
            start_new_session=True,
        )
    except BaseException:
        if cgroup is not None:
            cgroup.remove()
        raise
    return Started(process=process, solution_path=launch.solution_path, cgroup=cgroup,
                   cleanup=cgroup.remove if cgroup is not None else None)


def processes_of(uid: int) -> int:
    """How many processes `uid` has on the host now (what RLIMIT_NPROC counts outside a user namespace)."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count
