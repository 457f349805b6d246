"""Correct, but reap looks at every live connection to find the dead ones: O(C) on each reap, even
when nobody is dead (the gateway reaps on a timer while 50,000 connections are live)."""

import heapq


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subs = {}
        self.mine = {}
        self.batches = {}  # conn -> (t0, messages)
        self.due = []
        self.last_seen = {}

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)
        self.mine.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)
        self.mine.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            if conn not in self.batches:
                self.batches[conn] = (now_ms, [])
                heapq.heappush(self.due, (now_ms + self.interval, conn))
            self.batches[conn][1].append(message)

    def flush(self, now_ms):
        out = []
        while self.due and self.due[0][0] <= now_ms:
            due, conn = heapq.heappop(self.due)
            batch = self.batches.get(conn)
            if batch is not None and batch[0] + self.interval == due:
                del self.batches[conn]
                out.append((conn, batch[1]))
        return sorted(out)

    def connect(self, now_ms, conn_id):
        self.last_seen[conn_id] = now_ms

    def pong(self, now_ms, conn_id):
        if conn_id in self.last_seen:
            self.last_seen[conn_id] = now_ms

    def reap(self, now_ms):
        if self.timeout is None:
            return []
        dead = sorted(c for c, seen in self.last_seen.items() if seen + self.timeout <= now_ms)
        for conn in dead:
            del self.last_seen[conn]
            self.batches.pop(conn, None)
            for symbol in self.mine.pop(conn, ()):
                self.subs[symbol].discard(conn)
        return dead
