"""Writes a run reply whose fields have the wrong types, carrying the live request id."""

import json
import sys


def _live():
    frame = sys._getframe()
    while frame is not None:
        if "proto_out" in frame.f_locals and "request" in frame.f_locals:
            return frame.f_locals["request"], frame.f_locals["proto_out"]
        frame = frame.f_back
    raise RuntimeError("no harness frame")


def forge(reply):
    request, out = _live()
    out.write(json.dumps({**reply, "id": request["id"]}).encode() + b"\n")
    out.flush()


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        results = [{"ok": "yes", "value": {"x": 1}, "error_type": 5, "traceback": [1]}] * 3
        forge({"status": "ok", "results": results})
        return []

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
