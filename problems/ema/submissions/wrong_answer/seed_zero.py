"""Wrong: starts the average at 0 instead of the first price, so the first update returns price * k
and the average creeps up from zero."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.ema = 0.0

    def update(self, price):
        self.ema = price * self.k + self.ema * (1 - self.k)
        return self.ema
