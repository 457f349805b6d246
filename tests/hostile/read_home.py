"""Tries to read the user's home directory (the judge's HOME, with a canary file in it)."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

found = []
for path in ("__HOME_DIR__/.secret-canary", os.path.expanduser("~/.secret-canary")):
    try:
        with open(path) as f:
            print(f"LEAK {path}: {f.read(80)}")
        found.append(path)
    except OSError:
        pass
try:
    print(f"LEAK listing of HOME: {os.listdir('__HOME_DIR__')}")
    found.append("listing")
except OSError:
    pass
raise RuntimeError(f"read: {found}")
