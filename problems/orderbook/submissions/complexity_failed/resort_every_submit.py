"""Correct, but sorts the whole price list on every submit and scans it on every query."""


class OrderBook:
    def __init__(self):
        self.orders = {}  # id -> [side, price, qty, seq]
        self.seq = 0
        self.bids = []
        self.asks = []

    def submit(self, order_id, side, price, quantity):
        trades = []
        book = self.asks if side == "buy" else self.bids
        while quantity and book:
            maker = book[0]
            if (side == "buy" and maker[1] > price) or (side == "sell" and maker[1] < price):
                break
            fill = min(quantity, maker[2])
            trades.append((maker[3], order_id, maker[1], fill))
            quantity -= fill
            maker[2] -= fill
            if maker[2] == 0:
                book.pop(0)
                del self.orders[maker[3]]
        if quantity:
            self.seq += 1
            order = [self.seq, price, quantity, order_id]
            self.orders[order_id] = (side, order)
            mine = self.bids if side == "buy" else self.asks
            mine.append(order)
            if side == "buy":
                mine.sort(key=lambda o: (-o[1], o[0]))
            else:
                mine.sort(key=lambda o: (o[1], o[0]))
        return trades

    def cancel(self, order_id):
        if order_id not in self.orders:
            return False
        side, order = self.orders.pop(order_id)
        (self.bids if side == "buy" else self.asks).remove(order)
        return True

    def best_bid(self):
        return self.bids[0][1] if self.bids else None

    def best_ask(self):
        return self.asks[0][1] if self.asks else None

    def depth(self, side, levels):
        out = []
        for order in self.bids if side == "buy" else self.asks:
            if out and out[-1][0] == order[1]:
                out[-1] = (order[1], out[-1][1] + order[2])
            elif len(out) < levels:
                out.append((order[1], order[2]))
            else:
                break
        return out
