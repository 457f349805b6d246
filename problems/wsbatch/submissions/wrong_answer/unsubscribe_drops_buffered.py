"""Mistake: buffers are kept per (connection, symbol), and unsubscribe deletes that symbol's buffer,
losing messages that were already waiting in the connection's batch."""

import heapq
from collections import defaultdict


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = defaultdict(set)
        self.buffers = defaultdict(dict)  # conn -> symbol -> list of (seq, message)
        self.opened = set()
        self.heap = []
        self.seq = 0

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)
        self.buffers[conn_id].pop(symbol, None)  # bug: drops what is already buffered

    def publish(self, now_ms, symbol, message):
        self.seq += 1
        for conn in self.subs[symbol]:
            if conn not in self.opened:
                self.opened.add(conn)
                heapq.heappush(self.heap, (now_ms + self.interval, conn))
            self.buffers[conn].setdefault(symbol, []).append((self.seq, message))

    def flush(self, now_ms):
        out = []
        ready = []
        while self.heap and self.heap[0][0] <= now_ms:
            ready.append(heapq.heappop(self.heap)[1])
        for conn in sorted(ready):
            self.opened.discard(conn)
            items = sorted(item for messages in self.buffers.pop(conn, {}).values() for item in messages)
            if items:
                out.append((conn, [message for _, message in items]))
        return out
