"""Opens the host's kernel settings for writing: /proc/sys/kernel/core_pattern (`|prog` there runs a
program as root on the host at the next crash), pid_max, panic, vm/drop_caches, fs/file-max. As the
host's uid 0 these open; the sandbox must not be that. Opens only: never writes a value."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

opened, refused = [], []
for name in ("kernel/core_pattern", "kernel/pid_max", "kernel/panic", "vm/drop_caches", "fs/file-max",
             "vm/swappiness"):
    try:
        fd = os.open(f"/proc/sys/{name}", os.O_WRONLY)
    except OSError as exc:
        refused.append(f"{name}: {exc.strerror}")
        continue
    os.close(fd)
    opened.append(name)
    print(f"WROTE /proc/sys/{name} opened for writing")
raise RuntimeError(f"{'WROTE ' if opened else ''}opened: {opened}; refused: {refused}")
