"""Mutant of reference2.py: a bucket is kept until capacity / rate after its last draw (a TTL as in
Redis), however few tokens it lacked: tracked counts full buckets.

Reference, parts 1-2: the part-1 token bucket, and a limiter of one bucket per key that forgets
every bucket that is full again.
"""

from __future__ import annotations

import heapq


class TokenBucket:
    def __init__(self, capacity: int, refill_per_sec: float) -> None:
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)  # full at the start
        self.last: float | None = None  # time of the previous call; None until the first call

    def allow(self, now: float, cost: int = 1) -> bool:
        if self.last is not None:  # refill for the time elapsed since the previous call, capped
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False  # a rejected request takes nothing


class KeyedLimiter:
    def __init__(self, capacity: int, refill_per_sec: float) -> None:
        self.capacity = capacity
        self.rate = refill_per_sec
        self.buckets: dict[str, list[float]] = {}  # key -> [tokens, time counted]; only buckets not full
        self.due: list[tuple[float, str]] = []  # (no earlier than this, the bucket is not full, key)

    def _full_at(self, bucket: list[float]) -> float:
        last = bucket[1]
        return last + self.capacity / self.rate

    def _forget_full(self, now: float) -> None:
        """Drop every bucket that is full at `now` (exactly full counts: it is as good as new)."""
        due = self.due
        while due and due[0][0] <= now:
            key = due[0][1]
            full_at = self._full_at(self.buckets[key])
            if full_at <= now:
                heapq.heappop(due)
                del self.buckets[key]
            else:  # drawn on since the entry was pushed: it comes due again when really full
                heapq.heapreplace(due, (full_at, key))

    def allow(self, key: str, now: float, cost: int = 1) -> bool:
        self._forget_full(now)
        bucket = self.buckets.get(key)
        if bucket is None:
            tokens = float(self.capacity)
        else:
            tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        if tokens < cost:
            return False  # takes nothing; a key seen for the first time stays unstored
        if bucket is None:
            bucket = self.buckets[key] = [tokens - cost, now]
            heapq.heappush(self.due, (self._full_at(bucket), key))
        else:
            bucket[0], bucket[1] = tokens - cost, now
        return True

    def tracked(self, now: float) -> int:
        self._forget_full(now)
        return len(self.buckets)
