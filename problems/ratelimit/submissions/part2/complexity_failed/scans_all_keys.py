"""Correct answers and O(keys not full) memory, but every call walks all the stored buckets to
drop the full ones: O(n) per call where a heap of full times gives O(log n)."""


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
        self.buckets = {}  # key -> (tokens, last), only buckets not full

    def _sweep(self, now):
        for key, (tokens, last) in list(self.buckets.items()):
            if tokens + (now - last) * self.rate >= self.capacity:
                del self.buckets[key]

    def allow(self, key, now, cost=1):
        self._sweep(now)
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < cost:
            return False
        self.buckets[key] = (tokens - cost, now)
        return True

    def tracked(self, now):
        self._sweep(now)
        return len(self.buckets)
