"""Wrong answer: never matches anything, every order just rests (so a crossing submit returns [])."""


class OrderBook:
    def __init__(self):
        self.orders = {}  # id -> [side, price, quantity]

    def submit(self, order_id, side, price, quantity):
        self.orders[order_id] = [side, price, quantity]
        return []

    def cancel(self, order_id):
        return self.orders.pop(order_id, None) is not None

    def best_bid(self):
        return max((o[1] for o in self.orders.values() if o[0] == "buy"), default=None)

    def best_ask(self):
        return min((o[1] for o in self.orders.values() if o[0] == "sell"), default=None)

    def depth(self, side, levels):
        total = {}
        for s, price, quantity in self.orders.values():
            if s == side:
                total[price] = total.get(price, 0) + quantity
        return sorted(total.items(), reverse=side == "buy")[:levels]
