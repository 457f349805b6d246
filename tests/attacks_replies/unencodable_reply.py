"""Makes the harness's encoder hand json.dumps an object it cannot encode: the harness answers
`bad_value`, which is the submission's doing."""

import sys

_protocol = sys.modules["protocol"] if "protocol" in sys.modules else sys.modules["judge.protocol"]
_protocol.encode_value = lambda value, *args, **kwargs: object()


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
        return []
