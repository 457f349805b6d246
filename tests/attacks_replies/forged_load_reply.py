"""While being imported, writes a load reply with fields of the wrong types, carrying the live id."""

import json
import sys


def _live():
    frame = sys._getframe()
    while frame is not None:
        if "proto_out" in frame.f_locals and "request" in frame.f_locals:
            return frame.f_locals["request"], frame.f_locals["proto_out"]
        frame = frame.f_back
    raise RuntimeError("no harness frame")


_request, _out = _live()
_out.write(json.dumps({"status": "import_error", "error_type": {"x": 1}, "traceback": 7,
                       "id": _request["id"]}).encode() + b"\n")
_out.flush()


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
