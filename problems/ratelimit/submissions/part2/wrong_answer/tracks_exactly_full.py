"""Wrong: forgets a bucket only once it is past full (`full_at < now`), so a bucket exactly full at
`now` is still counted by tracked, though it is as good as new."""

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
        while self.heap and self.heap[0][0] < now:
            key = self.heap[0][1]
            full_at = self._full_at(key)
            if full_at < now:
                heapq.heappop(self.heap)
                del self.buckets[key]
            else:
                heapq.heapreplace(self.heap, (full_at, key))

    def allow(self, key, now, cost=1):
        self._forget(now)
        bucket = self.buckets.get(key)
        tokens = self.capacity if bucket is None else min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        if tokens < cost:
            return False
        self.buckets[key] = [tokens - cost, now]
        if bucket is None:
            heapq.heappush(self.heap, (self._full_at(key), key))
        return True

    def tracked(self, now):
        self._forget(now)
        return len(self.buckets)
