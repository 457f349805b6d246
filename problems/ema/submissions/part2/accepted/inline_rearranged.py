"""Accepted: one class with the basis EMA inline in its rearranged form (ema += k * (basis - ema)),
quotes kept as two dicts, the index summed in a loop over the weights."""


class EMA:
    def __init__(self, period: int):
        self.alpha = 2.0 / (period + 1)
        self.value = 0.0
        self.count = 0

    def update(self, price: float) -> float:
        if self.count == 0:
            self.value = price
        else:
            self.value += self.alpha * (price - self.value)
        self.count += 1
        return self.value


class MarkPrice:
    def __init__(self, period: int, weights: dict, stale_ms: int):
        self.alpha = 2.0 / (period + 1)
        self.weights = dict(weights)
        self.stale_ms = stale_ms
        self.price_at: dict = {}
        self.time_at: dict = {}
        self.basis_ema: float | None = None

    def spot(self, now_ms: int, exchange: str, price: float) -> None:
        self.price_at[exchange] = price
        self.time_at[exchange] = now_ms

    def index(self, now_ms: int) -> float | None:
        num = den = 0.0
        for exchange, weight in self.weights.items():
            if weight <= 0 or exchange not in self.time_at:
                continue
            if now_ms - self.time_at[exchange] > self.stale_ms:
                continue
            num += weight * self.price_at[exchange]
            den += weight
        return num / den if den > 0 else None

    def perp(self, now_ms: int, price: float) -> float | None:
        index = self.index(now_ms)
        if index is None:
            return None
        basis = price - index
        if self.basis_ema is None:
            self.basis_ema = basis
        else:
            self.basis_ema += self.alpha * (basis - self.basis_ema)
        return index + self.basis_ema
