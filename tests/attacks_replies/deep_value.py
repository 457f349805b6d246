"""Returns a list nested 950 deep: the harness carries 64 levels and describes the rest."""


def nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return nested(950)

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
