"""Tries to leave the sandbox's namespaces or build new ones: unshare (user, mount, pid, net, cgroup),
setns into PID 1's namespaces, a mount (tmpfs, and the cgroup v1 pids hierarchy), chroot, pivot_root.
Whatever succeeds happens inside a mount namespace of its own first, so nothing here can change the
host even where it is not contained."""

import ctypes
import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "LEAK"

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = (
    0x20000, 0x02000000, 0x10000000, 0x20000000, 0x40000000)
worked, denied = [], []


def attempt(label, result):
    if result == 0:
        worked.append(label)
        print(f"LEAK {label} worked")
    else:
        denied.append(f"{label}: {os.strerror(ctypes.get_errno())}")


attempt("unshare(user)", libc.unshare(CLONE_NEWUSER))
MS_REC, MS_PRIVATE = 16384, 1 << 18
private_mounts = libc.unshare(CLONE_NEWNS) == 0
attempt("unshare(mount)", 0 if private_mounts else -1)
# Where that worked (not contained), mounts made from here on must not propagate to the host's table.
private_mounts = private_mounts and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0
for flag, label in ((CLONE_NEWPID, "pid"), (CLONE_NEWNET, "net"), (CLONE_NEWCGROUP, "cgroup")):
    attempt(f"unshare({label})", libc.unshare(flag))
for ns in ("user", "mnt", "pid", "net"):
    try:
        fd = os.open(f"/proc/1/ns/{ns}", os.O_RDONLY)
    except OSError as exc:
        denied.append(f"open /proc/1/ns/{ns}: {exc.strerror}")
        continue
    attempt(f"setns({ns})", libc.setns(fd, 0))
    os.close(fd)
if private_mounts:  # never on the host's own mount table
    os.makedirs("/tmp/m", exist_ok=True)
    attempt("mount tmpfs", libc.mount(b"none", b"/tmp/m", b"tmpfs", 0, None))
    attempt("mount cgroup pids", libc.mount(b"cgroup", b"/tmp/m", b"cgroup", 0, b"pids"))
try:
    os.chroot("/tmp")
    worked.append("chroot")
    print("LEAK chroot worked")
except OSError as exc:
    denied.append(f"chroot: {exc.strerror}")
raise RuntimeError(f"{MARK + ' ' if worked else ''}worked: {worked}; denied: {denied}")
