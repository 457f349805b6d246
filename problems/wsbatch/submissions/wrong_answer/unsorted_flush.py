"""Mistake: flush returns the due connections in the order their batches fell due, not ordered by
conn_id."""

from collections import defaultdict, deque


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = defaultdict(set)
        self.pending = {}
        self.order = deque()

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs[symbol]:
            if conn not in self.pending:
                self.pending[conn] = []
                self.order.append((now_ms + self.interval, conn))
            self.pending[conn].append(message)

    def flush(self, now_ms):
        out = []
        while self.order and self.order[0][0] <= now_ms:
            conn = self.order.popleft()[1]
            out.append((conn, self.pending.pop(conn)))
        return out  # missing: sorted by conn_id
