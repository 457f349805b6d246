"""Replaces the harness's own bound encoder (protocol._dumps) so that every reply loses its
results, keeping its id: nothing inside the sandbox is safe from the submission, so the judge must
catch it."""

import json
import sys

_protocol = sys.modules["protocol"] if "protocol" in sys.modules else sys.modules["judge.protocol"]


def _dumps(obj, *args, **kwargs):
    if isinstance(obj, dict) and "results" in obj:
        obj = {**obj, "results": []}
    return json.dumps(obj, *args, **kwargs)


_protocol._dumps = _dumps


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
