"""Mistake: a batch is treated as due only when now_ms > t0 + interval_ms, so a flush exactly at the
due time delivers nothing (off by one on the boundary)."""

import heapq
from collections import defaultdict


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = defaultdict(set)
        self.batches = {}
        self.heap = []

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs[symbol]:
            if conn not in self.batches:
                self.batches[conn] = []
                heapq.heappush(self.heap, (now_ms + self.interval, conn))
            self.batches[conn].append(message)

    def flush(self, now_ms):
        ready = []
        while self.heap and self.heap[0][0] < now_ms:  # should be <=
            ready.append(heapq.heappop(self.heap)[1])
        return [(conn, self.batches.pop(conn)) for conn in sorted(ready)]
