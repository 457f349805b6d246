"""Mistake: messages are buffered once per symbol and each connection reads the symbol's log from a
cursor, but a new subscription starts its cursor at 0 instead of at the end of the log, so a late
subscriber also receives what was published before it subscribed."""

import heapq


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.log = {}  # symbol -> list of (seq, message), shared by all subscribers
        self.cursor = {}  # (conn, symbol) -> index of the first unread entry of log[symbol]
        self.carried = {}  # conn -> (seq, message) read from a symbol before unsubscribing
        self.opened = {}  # conn -> t0 of its open batch
        self.heap = []
        self.seq = 0

    def subscribe(self, conn_id, symbol):
        self.log.setdefault(symbol, [])
        self.cursor.setdefault((conn_id, symbol), 0)  # bug: should be len(self.log[symbol])

    def unsubscribe(self, conn_id, symbol):
        if (conn_id, symbol) in self.cursor:
            start = self.cursor.pop((conn_id, symbol))
            self.carried.setdefault(conn_id, []).extend(self.log[symbol][start:])

    def _open(self, conn, now_ms):
        if conn not in self.opened:
            self.opened[conn] = now_ms
            heapq.heappush(self.heap, (now_ms + self.interval, conn))

    def publish(self, now_ms, symbol, message):
        self.seq += 1
        self.log.setdefault(symbol, []).append((self.seq, message))
        for conn, sym in list(self.cursor):
            if sym == symbol:
                self._open(conn, now_ms)

    def flush(self, now_ms):
        ready = []
        while self.heap and self.heap[0][0] <= now_ms:
            ready.append(heapq.heappop(self.heap)[1])
        out = []
        for conn in sorted(ready):
            del self.opened[conn]
            items = self.carried.pop(conn, [])
            for (c, symbol), start in self.cursor.items():
                if c == conn:
                    items += self.log[symbol][start:]
                    self.cursor[(c, symbol)] = len(self.log[symbol])
            out.append((conn, [message for _, message in sorted(items)]))
        return out
