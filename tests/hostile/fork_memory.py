"""Five processes of 110 MB each: every one inside RLIMIT_AS, 550 MB together under a 256 MB limit."""

import os
import time

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "LEAK"

r, w = os.pipe()
children = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        os.close(r)
        block = bytearray(110 << 20)
        for i in range(0, len(block), 4096):  # touch every page: resident, not just reserved
            block[i] = 1
        os.write(w, b".")
        time.sleep(30)
        os._exit(0)
    children.append(pid)
# The test wants one outcome, not a race: this process (the harness) is the one the OOM killer
# takes, as it would be anyway within a few MB. After the forks: the children keep the default.
with open("/proc/self/oom_score_adj", "w") as f:
    f.write("1000")
block = bytearray(110 << 20)
for i in range(0, len(block), 4096):
    block[i] = 1
ready = b""
deadline = time.monotonic() + 2.5
os.set_blocking(r, False)
while len(ready) < 4 and time.monotonic() < deadline:
    try:
        ready += os.read(r, 4)
    except BlockingIOError:
        time.sleep(0.01)
if len(ready) == 4:
    print("LEAK 5 processes held 550 MB together")
for pid in children:
    os.kill(pid, 9)
raise RuntimeError(f"{MARK + ' ' if len(ready) == 4 else ''}{len(ready) + 1} processes of 110 MB")
