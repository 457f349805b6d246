"""Correct values, but keeps every quote and every basis, and recomputes the EMA over every basis on
each print: O(n) time and memory per call after n calls."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema


class MarkPrice:
    def __init__(self, period, weights, stale_ms):
        self.period = period
        self.weights = {ex: w for ex, w in weights.items() if w > 0}
        self.stale_ms = stale_ms
        self.history = {ex: [] for ex in self.weights}
        self.bases = []

    def spot(self, now_ms, exchange, price):
        if exchange in self.history:
            self.history[exchange].append((now_ms, price))

    def index(self, now_ms):
        num = den = 0.0
        for ex, quotes in self.history.items():
            latest = quotes[-1] if quotes else None
            if latest is not None and now_ms - latest[0] <= self.stale_ms:
                num += self.weights[ex] * latest[1]
                den += self.weights[ex]
        return num / den if den > 0 else None

    def perp(self, now_ms, price):
        idx = self.index(now_ms)
        if idx is None:
            return None
        self.bases.append(price - idx)
        ema = EMA(self.period)
        for basis in self.bases:
            value = ema.update(basis)
        return idx + value
