"""Writes a run reply whose values are nested 950 deep (past what the harness ever sends), carrying
the live request id, and swallows the harness's own reply: the judge's decoder must not recurse into
it, and judges it as the value the submission returned."""

import json
import sys

_protocol = sys.modules["protocol"] if "protocol" in sys.modules else sys.modules["judge.protocol"]


def _live():
    frame = sys._getframe()
    while frame is not None:
        if "proto_out" in frame.f_locals and "request" in frame.f_locals:
            return frame.f_locals["request"], frame.f_locals["proto_out"]
        frame = frame.f_back
    raise RuntimeError("no harness frame")


_forged = set()


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        request, out = _live()
        if request["id"] in _forged:  # one forged reply per request, as the harness sends one
            return []
        _forged.add(request["id"])
        value = "[" * 950 + "]" * 950
        calls = len(request["steps"])  # one result per call: only the values are wrong
        results = ",".join(['{"ok":true,"value":null}'] + ['{"ok":true,"value":' + value + "}"] * (calls - 1))
        line = '{"status":"ok","results":[' + results + '],"id":' + json.dumps(request["id"]) + "}\n"
        out.write(line.encode())
        out.flush()
        real = _protocol.write_message

        def swallow_once(stream, message):  # the harness's true reply to this request
            _protocol.write_message = real

        _protocol.write_message = swallow_once
        return []

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
