"""Mistake: reap drops the dead connection's subscriptions and heartbeat but forgets its open batch,
so the next flush still sends the messages buffered for a connection that is gone."""

import heapq
from collections import defaultdict


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subs = defaultdict(set)
        self.pending = {}
        self.heap = []
        self.last_seen = {}
        self.deadlines = []

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs[symbol]:
            if conn not in self.pending:
                self.pending[conn] = []
                heapq.heappush(self.heap, (now_ms + self.interval, conn))
            self.pending[conn].append(message)

    def flush(self, now_ms):
        ready = []
        while self.heap and self.heap[0][0] <= now_ms:
            ready.append(heapq.heappop(self.heap)[1])
        return [(conn, self.pending.pop(conn)) for conn in sorted(ready)]

    def connect(self, now_ms, conn_id):
        self.last_seen[conn_id] = now_ms
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id))

    def pong(self, now_ms, conn_id):
        if conn_id in self.last_seen:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        dead = set()
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            deadline, conn = heapq.heappop(self.deadlines)
            if conn in self.last_seen and self.last_seen[conn] + self.timeout == deadline:
                del self.last_seen[conn]
                dead.add(conn)
        for conns in self.subs.values():
            conns -= dead
        return sorted(dead)
