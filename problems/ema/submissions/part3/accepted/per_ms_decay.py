"""Accepted: a per-millisecond decay factor exp(-1 / tau) raised to the gap, and the weighted form
v * a + held * (1 - a); a dataclass for the state."""

import math
from dataclasses import dataclass


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema


class MarkPrice:
    def __init__(self, period, weights, stale_ms):
        total = sum(w for w in weights.values() if w > 0)
        self.share = {ex: w / total for ex, w in weights.items() if w > 0}
        self.stale_ms = stale_ms
        self.latest = {}
        self.basis = EMA(period)

    def spot(self, now_ms, exchange, price):
        if exchange in self.share:
            self.latest[exchange] = (now_ms, price)

    def index(self, now_ms):
        fresh = [(self.share[ex], p) for ex, (t, p) in self.latest.items() if now_ms - t <= self.stale_ms]
        if not fresh:
            return None
        return sum(w * p for w, p in fresh) / sum(w for w, _ in fresh)

    def perp(self, now_ms, price):
        idx = self.index(now_ms)
        if idx is None:
            return None
        return idx + self.basis.update(price - idx)


@dataclass
class _Tick:
    time: int
    held: float
    value: float


class TimeEMA:
    def __init__(self, tau_ms: float):
        self.per_ms = math.exp(-1.0 / tau_ms)
        self.last: _Tick | None = None

    def value(self, now_ms: int) -> float | None:
        if self.last is None:
            return None
        a = self.per_ms ** (now_ms - self.last.time)
        return self.last.value * a + self.last.held * (1 - a)

    def update(self, now_ms: int, price: float) -> float:
        v = self.value(now_ms)
        if v is None:
            v = price
        self.last = _Tick(now_ms, price, v)
        return v
