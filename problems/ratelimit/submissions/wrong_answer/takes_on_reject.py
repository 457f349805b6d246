"""Wrong: subtracts the cost before checking, and leaves the bucket in debt when the request is
rejected, so a rejected request still uses up tokens that later requests needed."""


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
        self.tokens -= cost
        return self.tokens >= 0  # on False the cost stays taken
