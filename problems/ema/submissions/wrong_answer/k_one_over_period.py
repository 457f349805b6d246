"""Wrong: uses k = 1 / period (Wilder's smoothing) instead of 2 / (period + 1)."""


class EMA:
    def __init__(self, period):
        self.k = 1 / period
        self.ema = None

    def update(self, price):
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema
