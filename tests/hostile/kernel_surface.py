"""Reaches for the kernel interfaces a submission never needs and exploits often start from: io_uring,
bpf, perf_event_open, userfaultfd, keyrings (keyctl, add_key, request_key), kexec, modules. Every call
is made with arguments the kernel rejects (a NULL pointer, a zero size), so that nothing is created
anywhere: a reachable call fails with EFAULT or EINVAL, a filtered one with EPERM (or ENOSYS)."""

import ctypes
import errno
import platform

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "LEAK"

NUMBERS = {
    "x86_64": {"io_uring_setup": 425, "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "keyctl": 250,
               "add_key": 248, "request_key": 249, "kexec_load": 246, "init_module": 175,
               "open_by_handle_at": 304},
    "aarch64": {"io_uring_setup": 425, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "keyctl": 219,
                "add_key": 217, "request_key": 218, "kexec_load": 104, "init_module": 105,
                "open_by_handle_at": 265},
}
ARGS = {  # rejected before anything is made: NULL pointers, zero sizes, an unknown flag
    "io_uring_setup": (1, None), "bpf": (0, None, 0), "perf_event_open": (None, 0, -1, -1, 0),
    "userfaultfd": (0x7FFFFFFF,), "keyctl": (0x7FFF, 0), "add_key": (None, None, None, 0, 0),
    "request_key": (None, None, None, 0), "kexec_load": (0, 0, None, 0), "init_module": (None, 0, None),
    "open_by_handle_at": (-1, None, 0),
}
libc = ctypes.CDLL(None, use_errno=True)
reachable, denied = [], []
for name, number in NUMBERS.get(platform.machine(), NUMBERS["x86_64"]).items():
    ctypes.set_errno(0)
    result = libc.syscall(number, *ARGS[name])
    err = ctypes.get_errno()
    if result >= 0 or err not in (errno.EPERM, errno.ENOSYS, errno.EACCES):
        reachable.append(f"{name} ({errno.errorcode.get(err, err)})")
        print(f"LEAK {name} reachable: {errno.errorcode.get(err, err)}")
    else:
        denied.append(f"{name}: {errno.errorcode[err]}")
raise RuntimeError(f"{MARK + ' ' if reachable else ''}reachable: {reachable}; denied: {denied}")
