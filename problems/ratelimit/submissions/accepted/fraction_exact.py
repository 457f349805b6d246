"""Exact arithmetic: tokens and times as fractions.Fraction (Fraction(float) is the float's exact value)."""

from fractions import Fraction


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = Fraction(capacity)
        self.rate = Fraction(refill_per_sec)
        self.tokens = Fraction(capacity)
        self.last = None

    def allow(self, now, cost=1):
        now = Fraction(now)
        if self.last is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
