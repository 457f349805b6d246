"""Writes one file without end, in its working directory (the sandbox's scratch space)."""

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

with open(f"big-{TOKEN}.bin", "wb") as f:
    while True:
        f.write(b"\0" * (1024 * 1024))
