"""Mutant of reference3.py: retry_after divides by the limiter's default rate, not the key's own.

Reference, parts 1-3: part 2's keyed limiter with limits per key and an all-or-nothing check over
several keys.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass


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


@dataclass(slots=True)
class _Bucket:
    tokens: float
    last: float  # the time `tokens` were counted at
    capacity: int
    rate: float
    number: int  # which bucket this is, for its heap entries

    def held(self, now: float) -> float:
        return min(self.capacity, self.tokens + (now - self.last) * self.rate)

    def full_at(self) -> float:
        return self.last + (self.capacity - self.tokens) / self.rate


class KeyedLimiter:
    def __init__(self, capacity: int, refill_per_sec: float) -> None:
        self.default = (capacity, refill_per_sec)
        self.limits: dict[str, tuple[int, float]] = {}  # keys configured with limits of their own
        self.buckets: dict[str, _Bucket] = {}  # only buckets not full
        self.due: list[tuple[float, int, str]] = []  # (not full before this time, bucket number, key)
        self.numbers = itertools.count()

    def configure(self, key: str, capacity: int, refill_per_sec: float) -> None:
        self.limits[key] = (capacity, refill_per_sec)
        self.buckets.pop(key, None)  # full at the new capacity: as good as new

    def _forget_full(self, now: float) -> None:
        due = self.due
        while due and due[0][0] <= now:
            _, number, key = due[0]
            bucket = self.buckets.get(key)
            if bucket is None or bucket.number != number:  # the bucket was reset by configure
                heapq.heappop(due)
            elif (full_at := bucket.full_at()) <= now:
                heapq.heappop(due)
                del self.buckets[key]
            else:  # drawn on since the entry was pushed: it comes due again when really full
                heapq.heapreplace(due, (full_at, number, key))

    def _held(self, key: str, now: float) -> tuple[float, int, float]:
        """(tokens at `now`, capacity, rate) of the key, without changing anything."""
        bucket = self.buckets.get(key)
        if bucket is not None:
            return bucket.held(now), bucket.capacity, bucket.rate
        capacity, rate = self.limits.get(key, self.default)
        return float(capacity), capacity, rate

    def _take(self, key: str, now: float, tokens: float) -> None:
        """Store `tokens` (fewer than the capacity) as the key's tokens at `now`."""
        bucket = self.buckets.get(key)
        if bucket is not None:
            bucket.tokens, bucket.last = tokens, now
            return
        capacity, rate = self.limits.get(key, self.default)
        bucket = self.buckets[key] = _Bucket(tokens, now, capacity, rate, next(self.numbers))
        heapq.heappush(self.due, (bucket.full_at(), bucket.number, key))

    def allow(self, key: str, now: float, cost: int = 1) -> bool:
        return self.allow_all([key], now, cost)

    def allow_all(self, keys: list[str], now: float, cost: int = 1) -> bool:
        self._forget_full(now)
        distinct = list(dict.fromkeys(keys))  # a key named twice is one bucket, charged once
        held = [self._held(key, now)[0] for key in distinct]
        if any(tokens < cost for tokens in held):
            return False  # nothing taken from any key
        for key, tokens in zip(distinct, held, strict=True):
            self._take(key, now, tokens - cost)
        return True

    def retry_after(self, keys: list[str], now: float, cost: int = 1) -> float | None:
        wait = 0.0
        for key in keys:
            tokens, capacity, _ = self._held(key, now)
            if cost > capacity:
                return None  # this key can never hold `cost` tokens
            wait = max(wait, (cost - tokens) / self.default[1])
        return wait

    def tracked(self, now: float) -> int:
        self._forget_full(now)
        return len(self.buckets)
