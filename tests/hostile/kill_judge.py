"""Walks up its ancestors and SIGKILLs the parent and the grandparent: the judge, if it can see it."""

import contextlib
import os
import signal

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


def parent_of(pid):
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    return int(stat[stat.rfind(b")") + 2 :].split()[1])


pid = os.getpid()
for _ in range(2):
    pid = parent_of(pid)
    if pid <= 1:
        break
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
raise RuntimeError("still here")
