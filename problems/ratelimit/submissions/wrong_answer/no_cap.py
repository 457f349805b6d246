"""Wrong: never caps the tokens at capacity, so a long idle period allows a burst larger than the bucket."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)
        self.last = None

    def allow(self, now, cost=1):
        if self.last is not None:
            self.tokens += (now - self.last) * self.rate  # missing min(capacity, ...)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
