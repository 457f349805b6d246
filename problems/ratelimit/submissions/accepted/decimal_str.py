"""Decimal arithmetic on the printed values: Decimal(str(x)), so 0.1 is exactly one tenth."""

from decimal import Decimal


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = Decimal(capacity)
        self.rate = Decimal(str(refill_per_sec))
        self.tokens = self.capacity
        self.last = None

    def allow(self, now, cost=1):
        now = Decimal(str(now))
        if self.last is None:
            self.last = now
        elapsed = now - self.last
        self.last = now
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        if self.tokens < cost:
            return False
        self.tokens -= cost
        return True
