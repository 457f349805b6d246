"""Reference, parts 1-2: the part-1 token bucket, and a limiter of one bucket per key that forgets
every bucket that is full again.

A full bucket behaves exactly like a new one (the first call finds a full bucket too), so only
buckets that are not full are stored. Each stored bucket has one entry in a min-heap of times at or
before which it cannot be full yet; an entry that comes due is checked against the bucket: full by
then, the bucket is dropped; drawn on since, the entry is pushed again at the bucket's real full
time. Taking tokens only ever moves a bucket's full time later, so an entry never comes due after
its bucket is full, and the heap holds exactly one entry per stored bucket: memory is O(keys not
full), and each call is O(log n) amortized (an entry is pushed again only after calls drew on it).

Floats are exact wherever a test decides a tie, as in part 1 (binary-fraction times, power-of-two
rates); every other decision is more than 1e-6 tokens from its boundary.
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
        tokens, last = bucket
        return last + (self.capacity - tokens) / self.rate

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
