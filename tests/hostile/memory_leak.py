"""A correct book that keeps ~8 MB of garbage per submit: a slow leak, in many small objects."""

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

_hoard = []


class OrderBook:
    def __init__(self):
        self.orders = {}  # id -> [side, price, quantity, arrival]
        self.arrivals = 0

    def submit(self, order_id, side, price, quantity):
        _hoard.append([order_id] * 1_000_000)
        trades = []
        other = "sell" if side == "buy" else "buy"
        while quantity > 0:
            makers = [(oid, o) for oid, o in self.orders.items()
                      if o[0] == other and (o[1] <= price if side == "buy" else o[1] >= price)]
            if not makers:
                break
            oid, maker = min(makers, key=lambda m: (m[1][1] if side == "buy" else -m[1][1], m[1][3]))
            fill = min(quantity, maker[2])
            trades.append((oid, order_id, maker[1], fill))
            quantity -= fill
            maker[2] -= fill
            if maker[2] == 0:
                del self.orders[oid]
        if quantity > 0:
            self.arrivals += 1
            self.orders[order_id] = [side, price, quantity, self.arrivals]
        return trades

    def cancel(self, order_id):
        return self.orders.pop(order_id, None) is not None

    def best_bid(self):
        return max((o[1] for o in self.orders.values() if o[0] == "buy"), default=None)

    def best_ask(self):
        return min((o[1] for o in self.orders.values() if o[0] == "sell"), default=None)

    def depth(self, side, levels):
        totals = {}
        for o in self.orders.values():
            if o[0] == side:
                totals[o[1]] = totals.get(o[1], 0) + o[2]
        return sorted(totals.items(), reverse=side == "buy")[:levels]
