"""One huge allocation, far over any memory limit."""

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)


class OrderBook:
    def __init__(self):
        self.blob = bytearray(64 * 1024**3)

    def submit(self, order_id, side, price, quantity):
        return []

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
