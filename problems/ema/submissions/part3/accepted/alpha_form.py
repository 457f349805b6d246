"""Accepted: the decay as a smoothing factor alpha = 1 - exp(-gap / tau), applied to the price held
during the gap: v += alpha * (held - v); then the new price is held."""

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
        self.v = None
        self.held = None
        self.t = None

    def _at(self, now_ms):
        alpha = 1.0 - math.exp(-(now_ms - self.t) / self.tau)
        return self.v + alpha * (self.held - self.v)

    def update(self, now_ms, price):
        self.v = price if self.v is None else self._at(now_ms)
        self.held, self.t = price, now_ms
        return self.v

    def value(self, now_ms):
        return None if self.v is None else self._at(now_ms)
