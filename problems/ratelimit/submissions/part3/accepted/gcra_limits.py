"""GCRA per key with limits per key: a key's state is the time its bucket is full again. Tokens at
`now` = capacity - (full_at - now) * rate. A heap of (full_at, key) drops the keys full by `now`;
an entry found early is pushed again at the key's real full time, and one whose key is gone (full,
or reset by configure) is discarded."""

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
        self.limits = {}
        self.full_at = {}  # only keys whose bucket is not full
        self.heap = []

    def configure(self, key, capacity, refill_per_sec):
        self.limits[key] = (capacity, refill_per_sec)
        self.full_at.pop(key, None)

    def _expire(self, now):
        while self.heap and self.heap[0][0] <= now:
            _, key = self.heap[0]
            if key not in self.full_at:
                heapq.heappop(self.heap)
            elif self.full_at[key] <= now:
                heapq.heappop(self.heap)
                del self.full_at[key]
            else:
                heapq.heapreplace(self.heap, (self.full_at[key], key))

    def _tokens(self, key, now):
        capacity, rate = self.limits.get(key, (self.capacity, self.rate))
        return capacity - (max(self.full_at.get(key, now), now) - now) * rate, capacity, rate

    def allow(self, key, now, cost=1):
        return self.allow_all([key], now, cost)

    def allow_all(self, keys, now, cost=1):
        self._expire(now)
        keys = set(keys)
        if any(self._tokens(key, now)[0] < cost for key in keys):
            return False
        for key in keys:
            rate = self._tokens(key, now)[2]
            if key not in self.full_at:
                self.full_at[key] = now
                heapq.heappush(self.heap, (now + cost / rate, key))
            self.full_at[key] += cost / rate
        return True

    def retry_after(self, keys, now, cost=1):
        wait = 0.0
        for key in keys:
            tokens, capacity, rate = self._tokens(key, now)
            if cost > capacity:
                return None
            wait = max(wait, (cost - tokens) / rate)
        return wait

    def tracked(self, now):
        self._expire(now)
        return len(self.full_at)
