"""Correct answers in O(log n) time, but never deletes a bucket: a key that went idle long ago is
still stored (full buckets are only marked), so memory grows with every key ever seen."""

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
        self.buckets = {}  # every key ever drawn on: key -> [tokens, last, counted as not full]
        self.heap = []
        self.not_full = 0

    def _full_at(self, bucket):
        return bucket[1] + (self.capacity - bucket[0]) / self.rate

    def _settle(self, now):
        while self.heap and self.heap[0][0] <= now:
            bucket = self.buckets[self.heap[0][1]]
            full_at = self._full_at(bucket)
            if full_at <= now:
                heapq.heappop(self.heap)
                bucket[0], bucket[2] = self.capacity, False
                self.not_full -= 1
            else:
                heapq.heapreplace(self.heap, (full_at, self.heap[0][1]))

    def allow(self, key, now, cost=1):
        self._settle(now)
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = [float(self.capacity), now, False]
        tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        if tokens < cost:
            return False
        bucket[0], bucket[1] = tokens - cost, now
        if not bucket[2]:
            bucket[2] = True
            self.not_full += 1
            heapq.heappush(self.heap, (self._full_at(bucket), key))
        return True

    def tracked(self, now):
        self._settle(now)
        return self.not_full
