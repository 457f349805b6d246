"""Mutant of reference3.py: value stores the decayed average but not the time, so the next call decays it again.

Reference, parts 1-3: part 2's EMA and MarkPrice, and an EMA in time for irregular ticks.

TimeEMA is the EMA of the step function the ticks draw: each price is held from its tick until the
next one, and the average relaxes towards the held price with time constant tau:
value(t) = p + (v - p) * exp(-(t - t_last) / tau), where p is the held price and v the value at the
last tick (Eckner, "Algorithms for Unevenly Spaced Time Series", EMA with last-point sampling). An
update first moves the average to its value now, under the price held until now, and only then holds
the new price: that is why the new price does not show in what update returns. Three numbers of
state (held price, value and time of the last tick): O(1) time and memory.
"""

from __future__ import annotations

import math


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
        self.basis = EMA(period)

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


class TimeEMA:
    def __init__(self, tau_ms: float) -> None:
        self.tau = tau_ms
        self.held: float | None = None  # the price of the last tick, held since then; None: no tick yet
        self.last_value = 0.0  # the average at the last tick
        self.last_ms = 0.0

    def value(self, now_ms: float) -> float | None:
        if self.held is None:
            return None
        # exp of a negative number: a gap of any length decays to 0 (the held price), never overflows
        decay = math.exp(-(now_ms - self.last_ms) / self.tau)
        self.last_value = self.held + (self.last_value - self.held) * decay
        return self.last_value

    def update(self, now_ms: float, price: float) -> float:
        now = self.value(now_ms)
        self.last_value = price if now is None else now  # the first tick seeds the average
        self.held, self.last_ms = price, now_ms
        return self.last_value
