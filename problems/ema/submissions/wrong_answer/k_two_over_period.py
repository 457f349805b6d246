"""Wrong: uses k = 2 / period instead of 2 / (period + 1)."""


class EMA:
    def __init__(self, period):
        self.k = 2 / period
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema
