"""Wrong: makes the key's bucket before checking the cost, so a first call that is rejected (cost
above capacity) leaves a full bucket stored, and tracked counts it, for ever: it never gets a heap
entry, since only a draw pushes one."""

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
        self.buckets = {}
        self.heap = []  # (full time, key), one per drawn-on bucket

    def _forget(self, now):
        while self.heap and self.heap[0][0] <= now:
            key = self.heap[0][1]
            bucket = self.buckets[key]
            full_at = bucket.last + (self.capacity - bucket.tokens) / self.rate
            if full_at <= now:
                heapq.heappop(self.heap)
                del self.buckets[key]
            else:
                heapq.heapreplace(self.heap, (full_at, key))

    def allow(self, key, now, cost=1):
        self._forget(now)
        fresh = key not in self.buckets
        bucket = self.buckets.setdefault(key, TokenBucket(self.capacity, self.rate))
        if not bucket.allow(now, cost):
            return False
        if fresh:
            heapq.heappush(self.heap, (now + cost / self.rate, key))
        return True

    def tracked(self, now):
        self._forget(now)
        return len(self.buckets)
