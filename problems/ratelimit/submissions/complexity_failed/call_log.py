"""Correct answers in O(1) time, but logs every call time in a list (as a sliding-log limiter does,
here never trimmed): memory grows with every call."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)
        self.calls = []  # every call's time, kept forever

    def allow(self, now, cost=1):
        if self.calls:
            self.tokens = min(self.capacity, self.tokens + (now - self.calls[-1]) * self.rate)
        self.calls.append(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
