"""Writes into the sandbox's own filesystem outside /tmp: /, /dev, /dev/shm, /sandbox, /judge, /usr.
bwrap's root is a tmpfs in RAM that no size limit covers: a writable / is memory past every limit.
Removes what it wrote (where it could write it)."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "WROTE"

wrote, refused = [], []
for directory in ("/", "/dev", "/dev/shm", "/sandbox", "/judge", "/usr", "/proc"):
    path = os.path.join(directory, f"pwned-{TOKEN}")
    try:
        with open(path, "w") as f:
            f.write("x" * 4096)
    except OSError as exc:
        refused.append(f"{directory}: {exc.strerror}")
        continue
    os.unlink(path)
    wrote.append(directory)
    print(f"WROTE {directory}")
raise RuntimeError(f"{MARK + ' ' if wrote else ''}wrote into: {wrote}; refused: {refused}")
