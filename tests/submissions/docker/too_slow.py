"""Time limit: submit spins forever, burning CPU (the per-call wall limit or RLIMIT_CPU stops it)."""


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        n = 0
        while True:
            n += 1

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
