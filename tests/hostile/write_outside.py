"""Tries to write outside the sandbox's scratch space: a user's directory, HOME, the problem
packages, /tmp (the host's, unless the sandbox has its own); and remounts the harness's read-only
directory read-write first (which takes capabilities the sandbox must not have) to write there."""

import ctypes
import os
import sys

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

# Not marked: /tmp, which is the sandbox's own (a breach only if it is the host's: the test checks).
with open(f"/tmp/pwned-{TOKEN}", "w") as f:
    f.write("pwned")
targets = {
    "a user's directory": "__HOST_DIR__",
    "HOME": "__HOME_DIR__",
    "the problem packages": "__PROBLEMS_DIR__/orderbook",
}
harness_dir = os.path.dirname(os.path.abspath(sys.argv[0]))
libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT, MS_BIND = 32, 4096
if libc.mount(b"none", harness_dir.encode(), None, MS_REMOUNT | MS_BIND, None) == 0:
    targets["the harness's directory, remounted read-write"] = harness_dir
wrote = []
for label, directory in targets.items():
    try:
        with open(os.path.join(directory, f"pwned-{TOKEN}"), "w") as f:
            f.write("pwned")
    except OSError:
        continue
    wrote.append(label)
    print(f"WROTE {label}: {directory}")
raise RuntimeError(f"wrote into: {wrote}")
