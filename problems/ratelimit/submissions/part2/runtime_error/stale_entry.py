"""Runtime error: pushes a heap entry on every draw and deletes the key when an entry comes due with
the bucket full, without checking that the key is still there: a key drawn on twice has two entries,
and once both are due the second `del` raises KeyError."""

import heapq


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)
        self.last = None

    def allow(self, now, cost=1):
        if self.last is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False


class KeyedLimiter:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.buckets = {}  # key -> [tokens, last]
        self.heap = []

    def _full_at(self, key):
        tokens, last = self.buckets[key]
        return last + (self.capacity - tokens) / self.rate

    def _forget(self, now):
        while self.heap and self.heap[0][0] <= now:
            _, key = heapq.heappop(self.heap)
            if self._full_at(key) <= now:
                del self.buckets[key]

    def allow(self, key, now, cost=1):
        self._forget(now)
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < cost:
            return False
        self.buckets[key] = [tokens - cost, now]
        heapq.heappush(self.heap, (self._full_at(key), key))
        return True

    def tracked(self, now):
        self._forget(now)
        return len(self.buckets)
