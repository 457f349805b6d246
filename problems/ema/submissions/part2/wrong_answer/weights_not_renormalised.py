"""Wrong: divides by the total weight of every exchange, fresh or not, so the index sinks towards 0
whenever a venue goes stale instead of averaging the ones still quoting."""


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
        self.total = sum(self.weights.values())
        self.stale_ms = stale_ms
        self.quotes = {}
        self.basis = EMA(period)

    def spot(self, now_ms, exchange, price):
        if exchange in self.weights:
            self.quotes[exchange] = (now_ms, price)

    def index(self, now_ms):
        fresh = [(self.weights[ex], p) for ex, (t, p) in self.quotes.items() if now_ms - t <= self.stale_ms]
        if not fresh:
            return None
        return sum(w * p for w, p in fresh) / self.total

    def perp(self, now_ms, price):
        idx = self.index(now_ms)
        if idx is None:
            return None
        return idx + self.basis.update(price - idx)
