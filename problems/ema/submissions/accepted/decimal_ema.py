"""Decimal arithmetic (28 significant digits) on the printed price, returned as a Decimal."""

from decimal import Decimal


class EMA:
    def __init__(self, period: int):
        self.k = Decimal(2) / Decimal(period + 1)
        self.ema = None

    def update(self, price: float) -> Decimal:
        p = Decimal(str(price))
        self.ema = p if self.ema is None else p * self.k + self.ema * (1 - self.k)
        return self.ema
