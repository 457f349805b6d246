"""sys.exit in the middle of a test case (the fifth call)."""

import sys

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

calls = [0]


def tick():
    calls[0] += 1
    if calls[0] == 5:
        sys.exit(0)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        tick()
        return []

    def cancel(self, order_id):
        tick()
        return False

    def best_bid(self):
        tick()

    def best_ask(self):
        tick()

    def depth(self, side, levels):
        tick()
        return []
