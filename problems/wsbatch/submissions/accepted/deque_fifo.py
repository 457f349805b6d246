"""Times never decrease and the interval is fixed, so batches fall due in the order they opened: a
deque of (due, conn) in opening order is enough; flush pops the due prefix and sorts those ids."""

from collections import defaultdict, deque


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subscribers = defaultdict(set)
        self.pending = {}
        self.order = deque()

    def subscribe(self, conn_id, symbol):
        self.subscribers[symbol].add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subscribers[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subscribers[symbol]:
            if conn not in self.pending:
                self.pending[conn] = []
                self.order.append((now_ms + self.interval, conn))
            self.pending[conn].append(message)

    def flush(self, now_ms):
        ready = []
        while self.order and self.order[0][0] <= now_ms:
            ready.append(self.order.popleft()[1])
        return [(conn, self.pending.pop(conn)) for conn in sorted(ready)]
