"""Buckets are part 1's TokenBucket, grown with `held` (tokens at `now`, nothing written) and the
time they are full again; each carries its own limits. allow_all reads every distinct key first and
takes only when all hold the cost. Full buckets are dropped through a heap of (full time, draw
number, key): an entry whose draw number is not the key's latest is stale and skipped."""

import heapq
from itertools import count


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)
        self.last = None
        self.draw = None

    def held(self, now):
        if self.last is None:
            return self.tokens
        return min(self.capacity, self.tokens + (now - self.last) * self.rate)

    def allow(self, now, cost=1):
        self.tokens, self.last = self.held(now), now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False

    def full_at(self):
        return self.last + (self.capacity - self.tokens) / self.rate


class KeyedLimiter:
    def __init__(self, capacity, refill_per_sec):
        self.default = (capacity, refill_per_sec)
        self.limits = {}
        self.buckets = {}
        self.heap = []
        self.draws = count()

    def configure(self, key, capacity, refill_per_sec):
        self.limits[key] = (capacity, refill_per_sec)
        self.buckets.pop(key, None)

    def _drop_full(self, now):
        while self.heap and self.heap[0][0] <= now:
            _, draw, key = heapq.heappop(self.heap)
            bucket = self.buckets.get(key)
            if bucket is not None and bucket.draw == draw:
                del self.buckets[key]

    def _bucket(self, key):
        bucket = self.buckets.get(key)
        return bucket if bucket is not None else TokenBucket(*self.limits.get(key, self.default))

    def allow(self, key, now, cost=1):
        return self.allow_all([key], now, cost)

    def allow_all(self, keys, now, cost=1):
        self._drop_full(now)
        buckets = {key: self._bucket(key) for key in keys}  # a key named twice is one entry
        if any(bucket.held(now) < cost for bucket in buckets.values()):
            return False
        for key, bucket in buckets.items():
            bucket.allow(now, cost)
            bucket.draw = next(self.draws)
            self.buckets[key] = bucket
            heapq.heappush(self.heap, (bucket.full_at(), bucket.draw, key))
        return True

    def retry_after(self, keys, now, cost=1):
        waits = []
        for key in keys:
            bucket = self._bucket(key)
            if cost > bucket.capacity:
                return None
            waits.append(max(0.0, (cost - bucket.held(now)) / bucket.rate))
        return max(waits)

    def tracked(self, now):
        self._drop_full(now)
        return len(self.buckets)
