"""Mistake: every new message restarts the connection's timer (t0 = time of the latest message), so a
busy connection's batch keeps being postponed instead of going out interval_ms after its first one."""


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = {}
        self.buffers = {}
        self.last = {}  # conn -> time of the latest buffered message

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        self.subs.get(symbol, set()).discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            self.buffers.setdefault(conn, []).append(message)
            self.last[conn] = now_ms  # bug: should be set only when the batch opens

    def flush(self, now_ms):
        due = sorted(conn for conn, t in self.last.items() if now_ms >= t + self.interval)
        out = []
        for conn in due:
            del self.last[conn]
            out.append((conn, self.buffers.pop(conn)))
        return out
