"""Runtime error: the interpreter dies under the submission (SIGABRT), not a Python exception."""

import os


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        os.abort()

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
