"""Lifts the recursion limit and recurses through C (map) until the C stack runs out."""

import sys

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


def down(n):
    return list(map(down, [n + 1]))


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        sys.setrecursionlimit(10**9)
        return down(0)

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
