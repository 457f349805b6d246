"""A syntax error: a missing colon after the def."""


class OrderBook:
    def submit(self, order_id, side, price, quantity)
        return []
