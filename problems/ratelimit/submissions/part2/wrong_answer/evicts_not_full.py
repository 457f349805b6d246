"""Wrong: forgets a key at the time its first draw is refilled, like a TTL set once on a Redis key
(INCR + EXPIRE on the first request only). A key drawn on again before then is forgotten while
its bucket is not yet full: it comes back with a full bucket, and tracked stops counting it."""

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
        self.buckets = {}  # key -> (tokens, last)
        self.expiry = []  # (time to forget the key, key): set on the key's first draw only

    def _expire(self, now):
        while self.expiry and self.expiry[0][0] <= now:
            _, key = heapq.heappop(self.expiry)
            del self.buckets[key]

    def allow(self, key, now, cost=1):
        self._expire(now)
        if key in self.buckets:
            tokens, last = self.buckets[key]
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
        else:
            tokens = self.capacity
        if tokens < cost:
            return False
        if key not in self.buckets:
            heapq.heappush(self.expiry, (now + cost / self.rate, key))
        self.buckets[key] = (tokens - cost, now)
        return True

    def tracked(self, now):
        self._expire(now)
        return len(self.buckets)
