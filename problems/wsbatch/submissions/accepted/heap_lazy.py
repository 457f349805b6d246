"""Heap of (due_time, conn) with lazy entries: every publish pushes an entry, and flush skips the ones
that no longer match the connection's open batch (already delivered, or a duplicate)."""

import heapq
from collections import defaultdict


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = defaultdict(set)
        self.buffers = {}  # conn -> list of messages
        self.opened = {}  # conn -> t0 of the open batch
        self.heap = []

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            if conn not in self.buffers:
                self.buffers[conn] = []
                self.opened[conn] = now_ms
            self.buffers[conn].append(message)
            heapq.heappush(self.heap, (self.opened[conn] + self.interval, conn))

    def flush(self, now_ms):
        out = {}
        while self.heap and self.heap[0][0] <= now_ms:
            due, conn = heapq.heappop(self.heap)
            if conn in self.buffers and self.opened[conn] + self.interval == due:
                out[conn] = self.buffers.pop(conn)
                del self.opened[conn]
        return [(conn, out[conn]) for conn in sorted(out)]
