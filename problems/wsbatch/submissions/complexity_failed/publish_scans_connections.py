"""Correct, but publish walks every connection's subscription set to find the subscribers: O(C) per
publish instead of O(subscribers of the symbol)."""

import heapq


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.conn_symbols = {}  # conn -> set of symbols
        self.batches = {}
        self.heap = []

    def subscribe(self, conn_id, symbol):
        self.conn_symbols.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.conn_symbols.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message):
        for conn, symbols in self.conn_symbols.items():
            if symbol in symbols:
                if conn not in self.batches:
                    self.batches[conn] = []
                    heapq.heappush(self.heap, (now_ms + self.interval, conn))
                self.batches[conn].append(message)

    def flush(self, now_ms):
        ready = []
        while self.heap and self.heap[0][0] <= now_ms:
            ready.append(heapq.heappop(self.heap)[1])
        return [(conn, self.batches.pop(conn)) for conn in sorted(ready)]
