"""The fallback: a plain child process under rlimits. Not isolated: it sees the host's files and network."""

from __future__ import annotations

import os
import subprocess
import sys

from judge.models import Limits
from judge.sandbox.base import Availability, Sandbox, Staging, Started, clean_env, rlimits_preexec


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
        env = clean_env({"JUDGE_SITE": _site_dir()})
        if os.getuid() != 0:
            # RLIMIT_NPROC counts every process this user has on the host; leave room for those.
            env["JUDGE_NPROC"] = str(_user_process_count() + limits.processes)
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-B", str(staging.judge_dir / "harness.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=staging.scratch,
            env=env,
            preexec_fn=rlimits_preexec(limits),  # noqa: PLW1509  (no threads in the judge at this point)
            start_new_session=True,
        )
        return Started(process=process, solution_path=str(staging.solution))


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
