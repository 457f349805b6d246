"""The run cgroup (judge/sandbox/cgroup.py) on its own: its limits hold for every process in it, an
OOM kill is seen from outside, CPU time is read from it, and it leaves nothing behind. Needs a
machine where the judge can create one (root here); skips elsewhere, saying so."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from judge.sandbox.cgroup import RunCgroup, whole_run_limits

LIMITS = whole_run_limits()
pytestmark = pytest.mark.skipif("memory" not in LIMITS or "pids" not in LIMITS,
                                reason=f"no memory and pids cgroup for this user here ({sorted(LIMITS)})")


def _run_in(group: RunCgroup, code: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], preexec_fn=group.enter,
                          capture_output=True, timeout=60)


def test_memory_counts_every_process_and_the_oom_kill_is_seen() -> None:
    group = RunCgroup.create(64 << 20, 50)
    assert group is not None
    try:
        # Two processes of 40 MB each: both under any per-process limit, over the cgroup's together.
        done = _run_in(group, """
            import os, time
            pid = os.fork()
            block = bytearray(40 << 20)
            for i in range(0, len(block), 4096):
                block[i] = 1
            time.sleep(1)
            if pid:
                os.waitpid(pid, 0)
        """)
        assert done.returncode != 0
        assert group.oom_killed()
        assert group.memory_at_limit()
        assert (group.cpu_seconds() or 0) > 0
    finally:
        group.remove()
    assert not any(path.exists() for path in group.dirs.values())


def test_pids_limit_holds_for_the_whole_group() -> None:
    group = RunCgroup.create(256 << 20, 4)
    assert group is not None
    try:
        done = _run_in(group, """
            import os, sys
            made = 0
            try:
                for _ in range(10):
                    if os.fork() == 0:
                        import time; time.sleep(5); os._exit(0)
                    made += 1
            except OSError:
                pass
            print(made)
        """)
        assert int(done.stdout) <= 3
    finally:
        group.remove()


def test_a_group_without_memory_pressure_says_so() -> None:
    group = RunCgroup.create(256 << 20, 50)
    assert group is not None
    try:
        assert _run_in(group, "print(1)").returncode == 0
        assert not group.oom_killed() and not group.memory_at_limit()
    finally:
        group.remove()
