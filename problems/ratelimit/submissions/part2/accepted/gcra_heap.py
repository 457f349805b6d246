"""GCRA per key: a key's whole state is the time its bucket is full again (tokens at `now` =
capacity - (full_at - now) * rate). Keys full by `now` are dropped lazily: a heap of (full_at, key)
with one entry per stored key; an entry found early (the key was drawn on since) is pushed again."""

import heapq


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.full_at = None

    def allow(self, now, cost=1):
        if self.full_at is None or self.full_at < now:
            self.full_at = now
        if self.capacity - (self.full_at - now) * self.rate < cost:
            return False
        self.full_at += cost / self.rate
        return True


class KeyedLimiter:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.full_at = {}  # only keys whose bucket is not full
        self.heap = []

    def _expire(self, now):
        while self.heap and self.heap[0][0] <= now:
            _, key = self.heap[0]
            if self.full_at[key] <= now:
                heapq.heappop(self.heap)
                del self.full_at[key]
            else:
                heapq.heapreplace(self.heap, (self.full_at[key], key))

    def allow(self, key, now, cost=1):
        self._expire(now)
        full_at = self.full_at.get(key, now)
        if self.capacity - (full_at - now) * self.rate < cost:
            return False
        if key not in self.full_at:
            heapq.heappush(self.heap, (full_at + cost / self.rate, key))
        self.full_at[key] = full_at + cost / self.rate
        return True

    def tracked(self, now):
        self._expire(now)
        return len(self.full_at)
