"""Tries to read the hidden suite, the reference solution and the judge's own files; and to unmount
what the sandbox puts over site-packages (which takes capabilities the sandbox must not have)."""

import ctypes
import os
import sysconfig

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

found = []
for label, path in {
    "the hidden suite": "__PROBLEMS_DIR__/orderbook/suite.py",
    "the reference solution": "__PROBLEMS_DIR__/orderbook/reference.py",
    "the judge's files": "__JUDGE_DIR__/runner.py",
}.items():
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        continue
    canary = [line for line in text.splitlines() if "CANARY" in line]
    found.append(label)
    print(f"LEAK {label}: {(canary or [text[:60]])[0]}")
try:
    print(f"LEAK listing of the problem packages: {os.listdir('__PROBLEMS_DIR__')}")
    found.append("listing")
except OSError:
    pass
site = sysconfig.get_paths()["purelib"]
libc = ctypes.CDLL(None, use_errno=True)
MNT_DETACH = 2
if os.path.ismount(site) and libc.umount2(site.encode(), MNT_DETACH) == 0:
    found.append("site-packages")
    print(f"LEAK uncovered {site}: {sorted(os.listdir(site))[:5]}")
raise RuntimeError(f"read: {found}")
