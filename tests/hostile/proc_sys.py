"""Opens the host's kernel settings for writing: /proc/sys/kernel/core_pattern (`|prog` there runs a
program as root on the host at the next crash), kernel/modprobe (the same, at the next module load),
panic, vm/drop_caches, fs/file-max. As the host's uid 0 these open; the sandbox must not be that.
Opens only: never writes a value. (Not kernel/pid_max: since Linux 6.14 it is per PID namespace, and
the sandbox's own is its business.)"""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "WROTE"

opened, refused = [], []
for name in ("kernel/core_pattern", "kernel/modprobe", "kernel/panic", "vm/drop_caches", "fs/file-max",
             "vm/swappiness"):
    try:
        fd = os.open(f"/proc/sys/{name}", os.O_WRONLY)
    except OSError as exc:
        refused.append(f"{name}: {exc.strerror}")
        continue
    os.close(fd)
    opened.append(name)
    print(f"WROTE /proc/sys/{name} opened for writing")
raise RuntimeError(f"{MARK + ' ' if opened else ''}opened: {opened}; refused: {refused}")
