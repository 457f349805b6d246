"""Forks once while being imported, and both processes carry on: the child returns into the harness,
which must not let it answer the judge's requests too."""

import os

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

os.fork()


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
