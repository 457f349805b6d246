"""Holds memory where no rlimit looks: memfd files filled with write(), never mapped (RLIMIT_AS does
not count them; RLIMIT_FSIZE caps each file, so many files), up to 600 MB under a 256 MB limit."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "LEAK"

chunk = b"x" * (1 << 20)
held, files = 0, []
while held < 600:
    fd = os.memfd_create(TOKEN)
    files.append(fd)
    try:
        for _ in range(8):
            os.write(fd, chunk)
            held += 1
    except OSError:
        pass
print(f"LEAK held {held} MB in {len(files)} memfd files")
raise RuntimeError(f"{MARK} held {held} MB")
