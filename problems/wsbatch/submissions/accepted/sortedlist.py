"""SortedList of (due_time, conn) from sortedcontainers; flush takes the due prefix with irange."""

from sortedcontainers import SortedList


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.subs = {}
        self.batch = {}  # conn -> [due, [messages]]
        self.due = SortedList()

    def subscribe(self, conn_id, symbol):
        self.subs.setdefault(symbol, set()).add(conn_id)

    def unsubscribe(self, conn_id, symbol):
        if symbol in self.subs:
            self.subs[symbol].discard(conn_id)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            entry = self.batch.get(conn)
            if entry is None:
                entry = self.batch[conn] = [now_ms + self.interval, []]
                self.due.add((entry[0], conn))
            entry[1].append(message)

    def flush(self, now_ms):
        ready = list(self.due.irange(maximum=(now_ms, float("inf"))))
        for item in ready:
            self.due.remove(item)
        return sorted((conn, self.batch.pop(conn)[1]) for _, conn in ready)
