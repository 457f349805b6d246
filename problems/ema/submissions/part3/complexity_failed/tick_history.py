"""Correct values, but keeps every tick and integrates the step function from the first tick on each
call: O(n) time and memory after n ticks."""

import math


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


class TimeEMA:
    def __init__(self, tau_ms):
        self.tau = tau_ms
        self.ticks = []

    def value(self, now_ms):
        if not self.ticks:
            return None
        v = self.ticks[0][1]
        for (t0, p0), (t1, _) in zip(self.ticks, self.ticks[1:], strict=False):
            v = p0 + (v - p0) * math.exp(-(t1 - t0) / self.tau)
        t_last, p_last = self.ticks[-1]
        return p_last + (v - p_last) * math.exp(-(now_ms - t_last) / self.tau)

    def update(self, now_ms, price):
        v = self.value(now_ms)
        self.ticks.append((now_ms, price))
        return price if v is None else v
