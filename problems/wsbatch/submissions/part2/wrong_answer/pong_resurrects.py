"""Mistake: pong records the heartbeat of any id, so a pong that arrives after the reap (or from a
connection that never connected) makes it live again, and a later reap reaps it a second time."""

import heapq


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subs = {}
        self.batches = {}  # conn -> (t0, messages)
        self.heap = []
        self.seen = {}
        self.deadlines = []

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            if conn not in self.batches:
                self.batches[conn] = (now_ms, [])
                heapq.heappush(self.heap, (now_ms + self.interval, conn))
            self.batches[conn][1].append(message)

    def flush(self, now_ms):
        out = []
        while self.heap and self.heap[0][0] <= now_ms:
            due, conn = heapq.heappop(self.heap)
            batch = self.batches.get(conn)
            if batch is not None and batch[0] + self.interval == due:
                out.append((conn, self.batches.pop(conn)[1]))
        return sorted(out)

    def connect(self, now_ms, conn_id):
        self.pong(now_ms, conn_id)

    def pong(self, now_ms, conn_id):
        self.seen[conn_id] = now_ms
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id))

    def reap(self, now_ms):
        dead = []
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            deadline, conn = heapq.heappop(self.deadlines)
            if self.seen.get(conn) is not None and self.seen[conn] + self.timeout == deadline:
                dead.append(conn)
                del self.seen[conn]
                self.batches.pop(conn, None)
                for conns in self.subs.values():
                    conns.discard(conn)
        return sorted(dead)
