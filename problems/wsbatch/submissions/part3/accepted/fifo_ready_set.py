"""Part 2's queues grown. Batches fall due in opening order (a deque); heartbeats in pong order (an
OrderedDict). A paused connection whose batch falls due leaves the deque for `held`; since times
never go back, a held batch stays due, so resume just moves it to `ready`, which the next flush
delivers with the newly due ones: O(1) per pause and resume."""

from collections import OrderedDict, deque


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None, max_pending=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.limit = max_pending
        self.subscribers = {}
        self.subscriptions = {}
        self.open = {}  # conn -> [t0, messages, {symbol: slot}]
        self.queue = deque()  # (due, conn, t0) in opening order
        self.last_seen = OrderedDict()
        self.paused = set()
        self.held = set()
        self.ready = set()
        self.gone = set()

    def subscribe(self, conn_id, symbol):
        self.subscribers.setdefault(symbol, set()).add(conn_id)
        self.subscriptions.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subscribers.get(symbol, set()).discard(conn_id)
        self.subscriptions.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message, conflate=False):
        for conn in list(self.subscribers.get(symbol, ())):
            batch = self.open.get(conn)
            if batch is None:
                batch = self.open[conn] = [now_ms, [], {}]
                self.queue.append((now_ms + self.interval, conn, now_ms))
            messages, slots = batch[1], batch[2]
            if conflate and symbol in slots:
                messages[slots[symbol]] = message
                continue
            if conflate:
                slots[symbol] = len(messages)
            messages.append(message)
            if self.limit is not None and len(messages) > self.limit:
                self._forget(conn)
                self.gone.add(conn)

    def flush(self, now_ms):
        due, self.ready = self.ready, set()
        while self.queue and self.queue[0][0] <= now_ms:
            _, conn, t0 = self.queue.popleft()
            batch = self.open.get(conn)
            if batch is not None and batch[0] == t0:
                due.add(conn)
        self.held |= due & self.paused  # paused again since its resume: held again
        return [(conn, self.open.pop(conn)[1]) for conn in sorted(due - self.paused)]

    def connect(self, now_ms, conn_id):
        self.last_seen[conn_id] = now_ms
        self.last_seen.move_to_end(conn_id)

    def pong(self, now_ms, conn_id):
        if conn_id in self.last_seen:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        dead = []
        while self.timeout is not None and self.last_seen:
            conn, seen = next(iter(self.last_seen.items()))
            if seen + self.timeout > now_ms:
                break
            dead.append(conn)
            self._forget(conn)
        return sorted(dead)

    def _forget(self, conn):
        self.last_seen.pop(conn, None)
        self.open.pop(conn, None)
        for s in (self.paused, self.held, self.ready):
            s.discard(conn)
        for symbol in self.subscriptions.pop(conn, ()):
            self.subscribers[symbol].discard(conn)

    def pause(self, conn_id):
        self.paused.add(conn_id)

    def resume(self, conn_id):
        self.paused.discard(conn_id)
        if conn_id in self.held:
            self.held.discard(conn_id)
            self.ready.add(conn_id)

    def dropped(self):
        out = sorted(self.gone)
        self.gone.clear()
        return out
