"""Correct, but a conflatable message looks for the one it replaces by scanning its batch: O(batch
length) per subscriber instead of O(1), which a slow consumer's long batch (the very case conflation
is for) makes expensive."""

import heapq
from collections import defaultdict


class Batch:
    def __init__(self, generation, due):
        self.generation = generation
        self.due = due
        self.messages = []  # (symbol, conflatable, message)


class Batcher:
    def __init__(self, interval_ms, timeout_ms=None, max_pending=None):
        self.interval = interval_ms
        self.timeout = timeout_ms
        self.max_pending = max_pending
        self.subs = defaultdict(set)
        self.symbols_of = defaultdict(set)
        self.batches = {}
        self.due = []  # (due, conn, generation)
        self.alive = {}
        self.deadlines = []
        self.counter = 0
        self.paused = set()
        self.held = set()
        self.dropped_ids = set()

    def _next(self):
        self.counter += 1
        return self.counter

    def subscribe(self, conn_id, symbol):
        self.subs[symbol].add(conn_id)
        self.symbols_of[conn_id].add(symbol)

    def unsubscribe(self, conn_id, symbol):
        self.subs[symbol].discard(conn_id)
        self.symbols_of[conn_id].discard(symbol)

    def publish(self, now_ms, symbol, message, conflate=False):
        overflow = []
        for conn in self.subs.get(symbol, ()):
            batch = self.batches.get(conn)
            if batch is None:
                batch = self.batches[conn] = Batch(self._next(), now_ms + self.interval)
                heapq.heappush(self.due, (batch.due, conn, batch.generation))
            if conflate:
                found = next((i for i, (s, c, _) in enumerate(batch.messages) if c and s == symbol), None)
                if found is not None:
                    batch.messages[found] = (symbol, True, message)
                    continue
            batch.messages.append((symbol, conflate, message))
            if self.max_pending is not None and len(batch.messages) > self.max_pending:
                overflow.append(conn)
        for conn in overflow:
            self._forget(conn)
            self.dropped_ids.add(conn)

    def flush(self, now_ms):
        out = []
        while self.due and self.due[0][0] <= now_ms:
            _, conn, generation = heapq.heappop(self.due)
            batch = self.batches.get(conn)
            if batch is None or batch.generation != generation:
                continue
            if conn in self.paused:
                self.held.add(conn)
            else:
                del self.batches[conn]
                out.append((conn, [m for _, _, m in batch.messages]))
        out.sort()
        return out

    def connect(self, now_ms, conn_id):
        generation = self._next()
        self.alive[conn_id] = generation
        if self.timeout is not None:
            heapq.heappush(self.deadlines, (now_ms + self.timeout, conn_id, generation))

    def pong(self, now_ms, conn_id):
        if conn_id in self.alive:
            self.connect(now_ms, conn_id)

    def reap(self, now_ms):
        dead = []
        while self.deadlines and self.deadlines[0][0] <= now_ms:
            _, conn, generation = heapq.heappop(self.deadlines)
            if self.alive.get(conn) == generation:
                dead.append(conn)
                self._forget(conn)
        return sorted(dead)

    def _forget(self, conn):
        self.alive.pop(conn, None)
        self.batches.pop(conn, None)
        self.paused.discard(conn)
        self.held.discard(conn)
        for symbol in self.symbols_of.pop(conn, ()):
            self.subs[symbol].discard(conn)

    def pause(self, conn_id):
        self.paused.add(conn_id)

    def resume(self, conn_id):
        self.paused.discard(conn_id)
        if conn_id in self.held:
            self.held.discard(conn_id)
            batch = self.batches[conn_id]
            heapq.heappush(self.due, (batch.due, conn_id, batch.generation))

    def dropped(self):
        out = sorted(self.dropped_ids)
        self.dropped_ids.clear()
        return out
