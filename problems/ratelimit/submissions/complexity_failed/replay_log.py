"""Correct answers, but keeps a log of every call and replays the whole log on each call to find the
tokens held now: O(n) time and O(n) memory per call after n calls."""


class TokenBucket:
    def __init__(self, capacity, refill_per_sec):
        self.capacity = capacity
        self.rate = refill_per_sec
        self.log = []  # (time, cost taken) of every call

    def _tokens(self, now):
        tokens, last = float(self.capacity), None
        for t, taken in self.log:
            if last is not None:
                tokens = min(self.capacity, tokens + (t - last) * self.rate)
            tokens -= taken
            last = t
        if last is not None:
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
        return tokens

    def allow(self, now, cost=1):
        ok = self._tokens(now) >= cost
        self.log.append((now, cost if ok else 0))
        return ok
