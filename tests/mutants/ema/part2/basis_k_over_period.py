"""Mutant of reference2.py: the basis EMA uses k = 1/period.

Reference, parts 1-2: the EMA of part 1, and a mark price built on it.

MarkPrice keeps the latest quote of each exchange that has a positive weight (a dict of at most E
entries: a newer quote replaces the older one, so nothing of the history is kept) and one EMA of the
basis. The index is the weighted mean of the quotes that are fresh at `now` (now - t <= stale_ms),
renormalised over those weights; recomputing it from the E quotes is O(E) per call, and memory is
O(E) however many quotes came in.
"""

from __future__ import annotations


class EMA:
    def __init__(self, period: int) -> None:
        self.k = 2 / (period + 1)
        self.ema: float | None = None  # no price yet

    def update(self, price: float) -> float:
        if self.ema is None:
            self.ema = price  # the first price seeds the average
        else:
            self.ema = price * self.k + self.ema * (1 - self.k)
        return self.ema


class MarkPrice:
    def __init__(self, period: int, weights: dict[str, float], stale_ms: int) -> None:
        # A zero weight can never move the index: such an exchange is treated like an unknown one.
        # Copied, so a caller who later edits their dict does not change the index behind our back.
        self.weights = {exchange: w for exchange, w in weights.items() if w > 0}
        self.stale_ms = stale_ms
        self.quotes: dict[str, tuple[int, float]] = {}  # exchange -> (time, price) of its latest quote
        self.basis = EMA(2 * period - 1)

    def spot(self, now_ms: int, exchange: str, price: float) -> None:
        if exchange in self.weights:
            self.quotes[exchange] = (now_ms, price)

    def index(self, now_ms: int) -> float | None:
        total = weighted = 0.0
        for exchange, (t, price) in self.quotes.items():
            if now_ms - t <= self.stale_ms:  # exactly stale_ms old is still fresh
                w = self.weights[exchange]
                total += w
                weighted += w * price
        return weighted / total if total > 0 else None

    def perp(self, now_ms: int, price: float) -> float | None:
        index = self.index(now_ms)
        if index is None:  # no fair value to measure the basis against: the EMA must not move
            return None
        return index + self.basis.update(price - index)
