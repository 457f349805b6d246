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

from judge.errors import SandboxUnavailable
from judge.models import Limits
from judge.sandbox import launch
from judge.sandbox.base import Availability, Sandbox, Staging, Started

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
        language = staging.language
        runtime = language.runtime()
        if runtime is None:
            raise SandboxUnavailable(f"{language.missing()}; fix: judge doctor")
        # The directories holding the importable packages (no isolation here to hide the rest).
        site = os.pathsep.join(sorted({os.path.dirname(path) for _, path in runtime.site}))
        env = {**language.env(site), "JUDGE_REAPER": "1"}
        if os.getuid() != 0:
            # RLIMIT_NPROC counts every process this user has on the host; leave room for those.
            env["JUDGE_NPROC"] = str(launch.processes_of(os.getuid()) + limits.processes)
        # As root RLIMIT_NPROC is not enforced at all; the run's cgroup is (+1: the reaper).
        argv = language.argv(runtime.executable, str(staging.judge_dir))
        if not language.forks_reaper:
            argv = _under_python_reaper(staging, argv)
        process_launch = launch.Launch(
            argv=argv,
            solution_path=str(staging.solution),
            env=env,
            cwd=staging.scratch,
        )
        return launch.start(staging, limits, 1, lambda cgroup: process_launch)

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


def _under_python_reaper(staging: Staging, argv: list[str]) -> list[str]:
    """`argv` started by the Python harness as its reaper (harness.main, --exec): a runtime that
    cannot fork (node) would otherwise have the judge as its parent, and a process it starts in a
    new session would outlive the run."""
    from judge.languages.python import Python

    python = Python()
    staging.add_harness_files(python.harness_files)
    return [*python.argv(sys.executable, str(staging.judge_dir)), "--exec", *argv]
