"""Returns an object posing as a bool (isinstance(x, bool) is True) that json.dumps cannot encode."""


class PosingAsBool:
    @property
    def __class__(self):
        return bool

    def __bool__(self):
        return False

    def __repr__(self):
        return "False"


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return []

    def cancel(self, order_id):
        return PosingAsBool()

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
