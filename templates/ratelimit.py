"""ratelimit: a token-bucket rate limiter.

Read the spec with `judge show ratelimit`; judge this file with `judge run ratelimit ratelimit.py`.
"""

from __future__ import annotations


class TokenBucket:
    def __init__(self, capacity: int, refill_per_sec: float) -> None:
        """A bucket of at most `capacity` tokens, full at the first call, refilled continuously at
        `refill_per_sec` tokens per second."""
        raise NotImplementedError

    def allow(self, now: float, cost: int = 1) -> bool:
        """At time `now` (seconds, never decreasing): if at least `cost` tokens are in the bucket,
        take them and return True; otherwise take nothing and return False. O(1) time and memory."""
        raise NotImplementedError
