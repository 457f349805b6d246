"""Plain dicts and lists: connections bucketed by due time, plus a heap of the distinct due times
(the "sorted due set"); flush empties the buckets whose time has come. Returns lists, not tuples."""

import heapq


class Batcher:
    def __init__(self, interval_ms):
        self.interval = interval_ms
        self.by_symbol = {}
        self.messages = {}
        self.buckets = {}  # due time -> list of conns
        self.due_times = []  # heap of the keys of buckets

    def subscribe(self, conn_id, symbol):
        self.by_symbol.setdefault(symbol, {})[conn_id] = True

    def unsubscribe(self, conn_id, symbol):
        self.by_symbol.get(symbol, {}).pop(conn_id, None)

    def publish(self, now_ms, symbol, message):
        for conn in self.by_symbol.get(symbol, {}):
            if conn in self.messages:
                self.messages[conn].append(message)
                continue
            self.messages[conn] = [message]
            due = now_ms + self.interval
            if due not in self.buckets:
                self.buckets[due] = []
                heapq.heappush(self.due_times, due)
            self.buckets[due].append(conn)

    def flush(self, now_ms):
        ready = []
        while self.due_times and self.due_times[0] <= now_ms:
            ready += self.buckets.pop(heapq.heappop(self.due_times))
        ready.sort()
        return [[conn, self.messages.pop(conn)] for conn in ready]
