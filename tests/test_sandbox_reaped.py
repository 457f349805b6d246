"""A judge process leaves no sandbox behind when it exits: nothing of a run is handed to init.

The judge runs under a wrapper that makes itself a child subreaper, so every process orphaned by
the run (an inner bwrap still dying after the judge returned, say) is re-parented to the wrapper,
which counts them once the judge has exited."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import PROBLEMS

WRAPPER = r"""
import ctypes, os, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(0.3)
adopted = 0
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        adopted += 1  # a child still running
        break
    adopted += 1
print("ADOPTED", adopted)
"""


@pytest.mark.sandbox
@pytest.mark.parametrize("sample", ["accepted/sorteddict.py", "wrong_answer/lifo_in_level.py"])
def test_no_sandbox_process_outlives_the_judge(sample: str, tmp_path: object) -> None:
    judge = [sys.executable, "-m", "judge.cli", "--data-dir", str(tmp_path), "run", "orderbook",
             str(PROBLEMS / "orderbook" / "submissions" / sample), "--quick"]
    result = subprocess.run([sys.executable, "-c", WRAPPER, *judge], capture_output=True, text=True, timeout=120)
    assert "ADOPTED 0" in result.stdout, result.stdout + result.stderr
