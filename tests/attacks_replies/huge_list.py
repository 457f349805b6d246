"""Returns a list of 200,000 elements: more than one value may hold, described instead of sent."""


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
        return [0] * 200_000
