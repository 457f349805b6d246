"""Wrong: takes t = 0 as the start of time, with a bucket that fills from there, instead of a full
bucket at the first call: a first call earlier than capacity / rate seconds finds it (partly) empty."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = 0.0
        self.last = 0.0  # should be "the first call's now", with the bucket full then

    def allow(self, now, cost=1):
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
