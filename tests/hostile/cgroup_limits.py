"""Looks for the cgroups that hold it (the pids cgroup is the fork-bomb guard, the memory cgroup the
memory limit) and opens their limit files for writing, as it would to raise its own limits: through
/sys/fs/cgroup if the sandbox shows it, else by mounting a cgroup hierarchy of its own. Opens only:
never writes a value."""

import ctypes
import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "WROTE"

opened, refused = [], []
roots = ["/sys/fs/cgroup"]
libc = ctypes.CDLL(None, use_errno=True)
MS_REC, MS_PRIVATE = 16384, 1 << 18
# Mount only in a mount namespace of its own whose mounts do not propagate back (where not
# contained, as root, this must not touch the host's mount table), or where mount must fail anyway.
private = libc.unshare(0x20000) == 0 and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0
if not os.path.isdir("/sys/fs/cgroup/pids") and (private or os.geteuid() != 0):
    os.makedirs("/tmp/cg", exist_ok=True)
    if libc.mount(b"cgroup", b"/tmp/cg", b"cgroup", 0, b"pids,memory") == 0:
        print("LEAK mounted a cgroup hierarchy")
        roots.append("/tmp/cg")
    else:
        refused.append(f"mount cgroup: {os.strerror(ctypes.get_errno())}")
try:
    with open("/proc/self/cgroup") as f:
        own = [line.split(":", 2)[2] for line in f.read().splitlines()]
except OSError:
    own = ["/"]
for root in roots:
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name in ("pids.max", "memory.limit_in_bytes", "memory.max", "cgroup.procs"):
                path = os.path.join(dirpath, name)
                try:
                    fd = os.open(path, os.O_WRONLY)
                except OSError as exc:
                    refused.append(f"{path}: {exc.strerror}")
                    continue
                os.close(fd)
                opened.append(path)
                print(f"WROTE {path} opened for writing")
raise RuntimeError(f"{MARK + ' ' if opened else ''}opened: {opened[:5]}; refused: {refused[:5]}; own cgroups: {own}")
