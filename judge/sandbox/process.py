"""The fallback: a plain child process under rlimits. Not isolated: it sees the host's files and network.

The harness first forks: its parent stays behind as a child subreaper (harness._supervise), so every
process the submission starts, even one that double-forks into a new session to outlive the run, is
still its descendant and is killed when the run ends. What a process running as the user can still
do (read the user's files, connect anywhere, signal the judge) is listed in docs/containment.md.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

from judge.models import Limits
from judge.sandbox.base import (
    Availability,
    PidsCgroup,
    Sandbox,
    Staging,
    Started,
    clean_env,
    rlimits_preexec,
)

_REAPER_GRACE = 1.0  # seconds the reaper gets to kill the submission's processes before SIGKILL


class ProcessSandbox(Sandbox):
    name = "process"
    isolated = False
    warning = (
        "the 'process' sandbox is NOT isolated: the submission runs as you, can read your files and "
        "use the network; only CPU, memory, file size and output are limited. Run `judge doctor`."
    )

    @classmethod
    def availability(cls) -> Availability:
        return Availability(True, f"{sys.executable} under rlimits (no isolation)")

    def start(self, staging: Staging, limits: Limits) -> Started:
        env = clean_env({"JUDGE_SITE": _site_dir(), "JUDGE_REAPER": "1"})
        if os.getuid() != 0:
            # RLIMIT_NPROC counts every process this user has on the host; leave room for those.
            env["JUDGE_NPROC"] = str(_user_process_count() + limits.processes)
        # As root RLIMIT_NPROC is not enforced at all; a pids cgroup is (+1: the reaper).
        cgroup = PidsCgroup.create(limits.processes + 1)
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-B", str(staging.judge_dir / "harness.py")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=staging.scratch,
                env=env,
                preexec_fn=rlimits_preexec(limits, cgroup=cgroup),
                start_new_session=True,
            )
        except BaseException:
            if cgroup is not None:
                cgroup.remove()
            raise
        return Started(process=process, solution_path=str(staging.solution), cgroup=cgroup,
                       cleanup=cgroup.remove if cgroup is not None else None)

    def kill(self, started: Started) -> None:
        # SIGTERM first: the reaper (the process we started) kills every descendant, including
        # those that left the process group, then exits. SIGKILL to the group is the backstop.
        process = started.process
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=_REAPER_GRACE)
        super().kill(started)


def _site_dir() -> str:
    try:
        import sortedcontainers
    except ImportError:
        return ""
    return os.path.dirname(os.path.dirname(sortedcontainers.__file__))


def _user_process_count() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count
