"""Every open batch and every heartbeat gets a generation number; heap entries carry the number they
were pushed with, and an entry whose number is not the current one is stale and skipped. A pong
pushes a new deadline instead of searching the heap for the old one."""

import heapq
from collections import defaultdict


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.subs = defaultdict(set)  # symbol -> conns
        self.symbols_of = defaultdict(set)  # conn -> symbols
        self.batches = {}  # conn -> (generation, messages)
        self.due = []  # (due, conn, generation)
        self.alive = {}  # conn -> heartbeat generation
        self.deadlines = []  # (deadline, conn, generation)
        self.counter = 0

    def _next(self):
        self.counter += 1
        return self.counter

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)
        self.symbols_of[conn_id].add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)
        self.symbols_of[conn_id].discard(symbol)

    def publish(self, now_ms, symbol, message):
        for conn in self.subs.get(symbol, ()):
            if conn not in self.batches:
                generation = self._next()
                self.batches[conn] = (generation, [])
                heapq.heappush(self.due, (now_ms + self.interval, conn, generation))
            self.batches[conn][1].append(message)

    def flush(self, now_ms):
        out = []
        while self.due and self.due[0][0] <= now_ms:
            _, conn, generation = heapq.heappop(self.due)
            batch = self.batches.get(conn)
            if batch is not None and batch[0] == generation:
                del self.batches[conn]
                out.append((conn, batch[1]))
        out.sort()
        return out

    def connect(self, now_ms, conn_id):
        self._beat(now_ms, conn_id)

    def pong(self, now_ms, conn_id):
        if conn_id in self.alive:
            self._beat(now_ms, conn_id)

    def _beat(self, now_ms, conn_id):
        generation = self._next()
        self.alive[conn_id] = generation
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id, generation))

    def reap(self, now_ms):
        dead = []
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            _, conn, generation = heapq.heappop(self.deadlines)
            if self.alive.get(conn) == generation:
                dead.append(conn)
                del self.alive[conn]
                self.batches.pop(conn, None)
                for symbol in self.symbols_of.pop(conn, ()):
                    self.subs[symbol].discard(conn)
        return sorted(dead)
