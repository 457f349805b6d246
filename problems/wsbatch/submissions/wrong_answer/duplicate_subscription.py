"""Mistake: subscribers are kept in a list, so subscribing twice delivers every message twice (and one
unsubscribe leaves the other copy subscribed)."""

import heapq


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = {}
        self.batches = {}
        self.heap = []

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, []).append(conn_id)

    def unsubscribe(self, conn_id, symbol):
        if conn_id in self.subs.get(symbol, []):
            self.subs[symbol].remove(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, []):
            if conn not in self.batches:
                self.batches[conn] = []
                heapq.heappush(self.heap, (now_ms + self.interval, conn))
            self.batches[conn].append(message)

    def flush(self, now_ms):
        ready = []
        while self.heap and self.heap[0][0] <= now_ms:
            ready.append(heapq.heappop(self.heap)[1])
        return [(conn, self.batches.pop(conn)) for conn in sorted(ready)]
