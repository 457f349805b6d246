"""Mistake: flush treats a paused connection's due batch as undeliverable and throws it away, instead
of holding it until resume: a slow client loses data it should only have received late."""

import heapq


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None, max_pending=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.max_pending = max_pending
        self.subs = {}
        self.mine = {}
        self.batches = {}  # conn -> (t0, messages, {symbol: slot})
        self.due = []
        self.seen = {}
        self.deadlines = []
        self.paused = set()
        self.held = set()
        self.queue = set()

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)
        self.mine.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)
        self.mine.get(conn_id, set()).discard(symbol)

    def publish(self, now_ms, symbol, message, conflate=False):
        over = []
        for conn in self.subs.get(symbol, ()):
            if conn not in self.batches:
                self.batches[conn] = (now_ms, [], {})
                heapq.heappush(self.due, (now_ms + self.interval, conn))
            _, messages, slots = self.batches[conn]
            if conflate and symbol in slots:
                messages[slots[symbol]] = message
                continue
            if conflate:
                slots[symbol] = len(messages)
            messages.append(message)
            if self.max_pending is not None and len(messages) > self.max_pending:
                over.append(conn)
        for conn in over:
            self._forget(conn)
            self.queue.add(conn)

    def flush(self, now_ms):
        out = []
        while self.due and self.due[0][0] <= now_ms:
            due, conn = heapq.heappop(self.due)
            batch = self.batches.get(conn)
            if batch is None or batch[0] + self.interval != due:
                continue
            batch = self.batches.pop(conn)
            if conn not in self.paused:
                out.append((conn, batch[1]))
        return sorted(out)

    def connect(self, now_ms, conn_id):
        self.seen[conn_id] = now_ms
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id))

    def pong(self, now_ms, conn_id):
        if conn_id in self.seen:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        dead = []
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            deadline, conn = heapq.heappop(self.deadlines)
            if conn in self.seen and self.seen[conn] + self.timeout == deadline:
                dead.append(conn)
                self._forget(conn)
        return sorted(dead)

    def _forget(self, conn):
        self.seen.pop(conn, None)
        self.batches.pop(conn, None)
        self.paused.discard(conn)
        self.held.discard(conn)
        for symbol in self.mine.pop(conn, ()):
            self.subs[symbol].discard(conn)

    def pause(self, conn_id):
        self.paused.add(conn_id)

    def resume(self, conn_id):
        self.paused.discard(conn_id)
        if conn_id in self.held:
            self.held.discard(conn_id)
            heapq.heappush(self.due, (self.batches[conn_id][0] + self.interval, conn_id))

    def dropped(self):
        out = sorted(self.queue)
        self.queue.clear()
        return out
