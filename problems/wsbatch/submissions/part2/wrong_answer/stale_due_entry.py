"""Mistake: reap throws the dead connection's batch away, and flush skips heap entries whose batch is
gone, but it does not check that an entry belongs to the batch now open: a connection that was reaped
and reconnected has its new batch sent at the old batch's due time, too early."""

import heapq


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subs = {}
        self.mine = {}
        self.batches = {}
        self.due = []
        self.seen = {}
        self.deadlines = []

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)
        self.mine.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)
        self.mine.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            if conn not in self.batches:
                self.batches[conn] = []
                heapq.heappush(self.due, (now_ms + self.interval, conn))
            self.batches[conn].append(message)

    def flush(self, now_ms):
        out = []
        while self.due and self.due[0][0] <= now_ms:
            _, conn = heapq.heappop(self.due)
            if conn in self.batches:
                out.append((conn, self.batches.pop(conn)))
        return sorted(out)

    def connect(self, now_ms, conn_id):
        self.seen[conn_id] = now_ms
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id))

    def pong(self, now_ms, conn_id):
        if conn_id in self.seen:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        dead = []
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            deadline, conn = heapq.heappop(self.deadlines)
            if self.seen.get(conn, -1) + self.timeout == deadline:
                dead.append(conn)
                del self.seen[conn]
                self.batches.pop(conn, None)
                for symbol in self.mine.pop(conn, ()):
                    self.subs[symbol].discard(conn)
        return sorted(dead)
