"""Dereferences a null pointer through ctypes inside a method: SIGSEGV."""

import ctypes

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return ctypes.string_at(0)

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
