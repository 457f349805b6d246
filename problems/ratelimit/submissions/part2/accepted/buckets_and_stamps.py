"""The part-1 TokenBucket reused per key, grown with the time it is full again. Every draw pushes
(full time, key, draw number) on a heap; an entry whose draw number is not the key's latest is stale
and skipped, and a key whose latest entry comes due is full: its bucket is deleted."""

import heapq
from itertools import count


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)
        self.last = None
        self.draw = None  # number of the latest draw, for the limiter's heap

    def refill(self, now):
        if self.last is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now

    def allow(self, now, cost=1):
        self.refill(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False

    def full_at(self):
        return self.last + (self.capacity - self.tokens) / self.rate


class KeyedLimiter:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.buckets = {}
        self.heap = []
        self.draws = count()

    def _drop_full(self, now):
        while self.heap and self.heap[0][0] <= now:
            _, draw, key = heapq.heappop(self.heap)
            bucket = self.buckets.get(key)
            if bucket is not None and bucket.draw == draw:
                del self.buckets[key]

    def allow(self, key, now, cost=1):
        self._drop_full(now)
        bucket = self.buckets.get(key) or TokenBucket(self.capacity, self.rate)
        if not bucket.allow(now, cost):
            return False
        bucket.draw = next(self.draws)
        self.buckets[key] = bucket
        heapq.heappush(self.heap, (bucket.full_at(), bucket.draw, key))
        return True

    def tracked(self, now):
        self._drop_full(now)
        return len(self.buckets)
