"""Wrong: configure records the key's new limits but leaves its bucket as it was: a key drawn on
before keeps its tokens and its old capacity and rate until the bucket is full again, instead of
starting full at the new capacity."""

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
        self.default = (capacity, refill_per_sec)
        self.limits = {}
        self.buckets = {}  # key -> [tokens, last, capacity, rate]: only buckets not full
        self.heap = []  # (a time the bucket is not full before, key)

    def configure(self, key, capacity, refill_per_sec):
        self.limits[key] = (capacity, refill_per_sec)

    @staticmethod
    def _full_at(bucket):
        tokens, last, capacity, rate = bucket
        return last + (capacity - tokens) / rate

    def _forget(self, now):
        while self.heap and self.heap[0][0] <= now:
            key = self.heap[0][1]
            bucket = self.buckets.get(key)
            if bucket is None:
                heapq.heappop(self.heap)
            elif self._full_at(bucket) <= now:
                heapq.heappop(self.heap)
                del self.buckets[key]
            else:
                heapq.heapreplace(self.heap, (self._full_at(bucket), key))

    def _held(self, key, now):
        bucket = self.buckets.get(key)
        if bucket is None:
            capacity, rate = self.limits.get(key, self.default)
            return float(capacity), capacity, rate
        tokens, last, capacity, rate = bucket
        return min(capacity, tokens + (now - last) * rate), capacity, rate

    def _take(self, key, now, cost):
        tokens, capacity, rate = self._held(key, now)
        if key not in self.buckets:
            heapq.heappush(self.heap, (now + cost / rate, key))
        self.buckets[key] = [tokens - cost, now, capacity, rate]

    def allow(self, key, now, cost=1):
        return self.allow_all([key], now, cost)

    def allow_all(self, keys, now, cost=1):
        self._forget(now)
        keys = list(dict.fromkeys(keys))
        if any(self._held(key, now)[0] < cost for key in keys):
            return False
        for key in keys:
            self._take(key, now, cost)
        return True

    def retry_after(self, keys, now, cost=1):
        wait = 0.0
        for key in keys:
            tokens, capacity, rate = self._held(key, now)
            if cost > capacity:
                return None
            wait = max(wait, (cost - tokens) / rate)
        return wait

    def tracked(self, now):
        self._forget(now)
        return len(self.buckets)
