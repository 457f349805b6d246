"""Spins the CPU while being imported."""

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

n = 0
while True:
    n += 1
