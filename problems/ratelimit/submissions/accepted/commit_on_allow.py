"""Last-refill-timestamp style: compute what the bucket holds now, and store it (with the time)
only when a request is allowed; a rejection changes nothing at all."""


class TokenBucket:
    def __init__(self, capacity: int, refill_per_sec: float):
        self.capacity = capacity
        self.refill_per_sec = refill_per_sec
        self.stored = capacity  # tokens at self.stamp
        self.stamp = None

    def _available(self, now: float) -> float:
        if self.stamp is None:
            return self.capacity
        return min(self.capacity, self.stored + (now - self.stamp) * self.refill_per_sec)

    def allow(self, now: float, cost: int = 1) -> bool:
        available = self._available(now)
        if available < cost:
            return False
        self.stored = available - cost
        self.stamp = now
        return True
