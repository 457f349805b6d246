"""Wrong: adds only whole tokens (int(elapsed * rate)) but still moves the refill time to now, so the
fractional part of every refill is lost and frequent callers are starved."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = capacity
        self.last = None

    def allow(self, now, cost=1):
        if self.last is not None:
            self.tokens = min(self.capacity, self.tokens + int((now - self.last) * self.rate))
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
