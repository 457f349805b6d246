"""Correct values in O(1) time, but appends every price to a list it never trims: memory grows with
every update."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.prices = []
        self.ema = None

    def update(self, price):
        self.prices.append(price)
        self.ema = price if self.ema is None else price * self.k + self.ema * (1 - self.k)
        return self.ema
