"""Correct values, but keeps every price and recomputes the EMA over the whole history on each
update: O(n) time (and O(n) memory) per update after n updates."""


class EMA:
    def __init__(self, period):
        self.k = 2 / (period + 1)
        self.prices = []

    def update(self, price):
        self.prices.append(price)
        ema = self.prices[0]
        for p in self.prices[1:]:
            ema = p * self.k + ema * (1 - self.k)
        return ema
