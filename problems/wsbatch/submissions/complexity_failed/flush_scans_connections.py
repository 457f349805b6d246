"""Correct, but flush checks every open batch's due time, so it costs O(C) even when nothing is due."""


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = {}
        self.batches = {}  # conn -> (t0, messages)

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            self.batches.setdefault(conn, (now_ms, []))[1].append(message)

    def flush(self, now_ms):
        due = [conn for conn, (t0, _) in self.batches.items() if now_ms >= t0 + self.interval]
        return [(conn, self.batches.pop(conn)[1]) for conn in sorted(due)]
