"""The same recurrence with integer weights: ema = (2 * price + (period - 1) * ema) / (period + 1)."""


class EMA:
    def __init__(self, period: int):
        self.period = period
        self.ema = None

    def update(self, price: float) -> float:
        if self.ema is None:
            self.ema = float(price)
        else:
            self.ema = (2 * price + (self.period - 1) * self.ema) / (self.period + 1)
        return self.ema
