"""The timeout is the same for everyone and times never go back, so deadlines fall in the order of the
last heartbeats: an OrderedDict kept in that order (a pong moves its connection to the end) is a queue
of deadlines, and reap pops from the front while the front is dead. O(1) per pong and per reap with
nobody dead. Batches fall due in opening order for the same reason: a deque of (due, conn, t0)."""

from collections import OrderedDict, deque


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subscribers = {}
        self.subscriptions = {}
        self.open = {}  # conn -> [t0, messages]
        self.queue = deque()  # (due, conn, t0) in opening order
        self.last_seen = OrderedDict()  # live conns, oldest heartbeat first

    def subscribe(self, conn_id, symbol):
        self.subscribers.setdefault(symbol, set()).add(conn_id)
        self.subscriptions.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subscribers.get(symbol, set()).discard(conn_id)
        self.subscriptions.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message):
        for conn in self.subscribers.get(symbol, ()):
            batch = self.open.get(conn)
            if batch is None:
                batch = self.open[conn] = [now_ms, []]
                self.queue.append((now_ms + self.interval, conn, now_ms))
            batch[1].append(message)

    def flush(self, now_ms):
        ready = []
        while self.queue and self.queue[0][0] <= now_ms:
            _, conn, t0 = self.queue.popleft()
            batch = self.open.get(conn)
            if batch is not None and batch[0] == t0:  # not a batch that a reap threw away
                del self.open[conn]
                ready.append((conn, batch[1]))
        return sorted(ready)

    def connect(self, now_ms, conn_id):
        self.last_seen[conn_id] = now_ms
        self.last_seen.move_to_end(conn_id)

    def pong(self, now_ms, conn_id):
        if conn_id in self.last_seen:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        if self.timeout is None:
            return []
        dead = []
        while self.last_seen:
            conn, seen = next(iter(self.last_seen.items()))
            if seen + self.timeout > now_ms:
                break
            self.last_seen.popitem(last=False)
            dead.append(conn)
            self.open.pop(conn, None)
            for symbol in self.subscriptions.pop(conn, ()):
                self.subscribers[symbol].discard(conn)
        dead.sort()
        return dead
