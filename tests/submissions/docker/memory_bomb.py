"""Memory limit: every submit keeps 16 MB more, touched so the pages are really allocated."""


class OrderBook:
    def __init__(self):
        self.hoard = []

    def submit(self, order_id, side, price, quantity):
        while True:
            self.hoard.append(bytearray(16 * 1024 * 1024))

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
