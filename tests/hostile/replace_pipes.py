"""Points every file descriptor, the protocol pipes among them, at /dev/null while being imported."""

import contextlib
import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

null = os.open(os.devnull, os.O_RDWR)
for fd in range(256):
    if fd != null:
        with contextlib.suppress(OSError):
            os.dup2(null, fd)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return []

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
