"""Wrong: allows only when tokens > cost, so a request that finds exactly enough tokens is rejected."""


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
        if self.tokens > cost:
            self.tokens -= cost
            return True
        return False
