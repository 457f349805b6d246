"""GCRA (generic cell rate algorithm): store only the time at which the bucket would be full again.
Tokens at `now` = capacity - (full_at - now) * rate when full_at is in the future, else capacity."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.full_at = None

    def allow(self, now, cost=1):
        if self.full_at is None or self.full_at < now:
            self.full_at = now  # full (at most capacity) right now
        tokens = self.capacity - (self.full_at - now) * self.rate
        if tokens < cost:
            return False
        self.full_at += cost / self.rate
        return True
