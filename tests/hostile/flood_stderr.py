"""Writes without end on stderr (the raw file descriptor) inside a method."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        while True:
            os.write(2, b"E" * 65536)

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
