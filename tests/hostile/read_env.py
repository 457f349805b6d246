"""Looks for the judge's secrets in its own environment and in its parents' (/proc/PID/environ)."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


def parent_of(pid):
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    return int(stat[stat.rfind(b")") + 2 :].split()[1])


found = [f"own {k}={v}" for k, v in os.environ.items() if "CANARY" in v or "SECRET" in k]
pid = os.getpid()
for _ in range(2):  # the parent and the grandparent: the judge, unless the sandbox hides it
    try:
        pid = parent_of(pid)
        if pid <= 1:
            break
        with open(f"/proc/{pid}/environ", "rb") as f:
            variables = f.read().split(b"\0")
    except OSError:
        break
    found += [f"pid {pid} {v.decode(errors='replace')}" for v in variables if b"CANARY" in v]
for item in found:
    print(f"LEAK {item}")
raise RuntimeError(f"found {len(found)} secret(s)")
