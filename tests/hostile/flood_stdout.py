"""Prints without end on stdout while being imported."""

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

while True:
    print("spam " * 800)
