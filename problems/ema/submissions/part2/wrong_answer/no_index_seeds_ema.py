"""Wrong: a perp print with no index still feeds the EMA (the index taken as 0), so the first real
basis is averaged with the whole perp price and the mark starts far off."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema


class MarkPrice:
    def __init__(self, period, weights, stale_ms):
        self.weights = {ex: w for ex, w in weights.items() if w > 0}
        self.stale_ms = stale_ms
        self.quotes = {}
        self.basis = EMA(period)

    def spot(self, now_ms, exchange, price):
        if exchange in self.weights:
            self.quotes[exchange] = (now_ms, price)

    def index(self, now_ms):
        fresh = [(self.weights[ex], p) for ex, (t, p) in self.quotes.items() if now_ms - t <= self.stale_ms]
        total = sum(w for w, _ in fresh)
        return sum(w * p for w, p in fresh) / total if total else None

    def perp(self, now_ms, price):
        idx = self.index(now_ms)
        ema = self.basis.update(price - (idx or 0.0))
        return None if idx is None else idx + ema
