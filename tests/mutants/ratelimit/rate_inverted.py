"""Mutant of reference.py: refill_per_sec read as seconds per token.

Reference: a token bucket refilled lazily, on each call, from the time of the previous call.

State is three numbers: the tokens held, the time they were counted at, and nothing else: allow is
O(1) time and O(1) memory whatever the number of calls. Fractional tokens count. The bucket is full
at the first call, whatever its `now`: time starts there.

Floats are exact here on every test: the hidden tests use times and rates that are exact binary
fractions wherever a decision is a tie (tokens == cost), and keep every other decision far (more than
1e-6 tokens) from the boundary.
"""

from __future__ import annotations


class TokenBucket:
    def __init__(self, capacity: int, refill_per_sec: float) -> None:
        self.capacity = capacity
        self.rate = refill_per_sec
        self.tokens = float(capacity)  # full at the start
        self.last: float | None = None  # time of the previous call; None until the first call

    def allow(self, now: float, cost: int = 1) -> bool:
        if self.last is not None:  # refill for the time elapsed since the previous call, capped
            self.tokens = min(self.capacity, self.tokens + (now - self.last) / self.rate)
        self.last = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False  # a rejected request takes nothing
