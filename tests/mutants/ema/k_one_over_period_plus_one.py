"""Mutant of reference.py: k = 1 / (period + 1).

Reference: the EMA kept as a single float, updated in place.

k = 2 / (period + 1); the first price seeds the average; after that ema = price * k + ema * (1 - k).
Two numbers of state (k and the current average, plus a flag for "no price yet"): update is O(1)
time and O(1) memory, and nothing of the price history is kept.
"""

from __future__ import annotations


class EMA:
    def __init__(self, period: int) -> None:
        self.k = 1 / (period + 1)
        self.ema: float | None = None  # no price yet

    def update(self, price: float) -> float:
        if self.ema is None:
            self.ema = price  # the first price seeds the average
        else:
            self.ema = price * self.k + self.ema * (1 - self.k)
        return self.ema
