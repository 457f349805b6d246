"""Wrong: every exchange's last quote stays in the index however old it is: a venue that went
silent an hour ago still pulls the mark towards its last price."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema


class MarkPrice:
    def __init__(self, period, weights, stale_ms):
        self.weights = weights
        self.stale_ms = stale_ms
        self.last = {}
        self.basis = EMA(period)

    def spot(self, now_ms, exchange, price):
        if self.weights.get(exchange, 0) > 0:
            self.last[exchange] = price

    def index(self, now_ms):
        if not self.last:
            return None
        total = sum(self.weights[ex] for ex in self.last)
        return sum(self.weights[ex] * p for ex, p in self.last.items()) / total

    def perp(self, now_ms, price):
        idx = self.index(now_ms)
        if idx is None:
            return None
        return idx + self.basis.update(price - idx)
