"""Wrong: seeds with the simple average of the first `period` prices (returning the running SMA until
then), as some charting libraries do, instead of seeding with the first price."""


class EMA:
    def __init__(self, period):
        self.period = period
        self.k = 2 / (period + 1)
        self.count = 0
        self.total = 0.0
        self.ema = None

    def update(self, price):
        self.count += 1
        if self.count <= self.period:
            self.total += price
            self.ema = self.total / self.count
        else:
            self.ema = price * self.k + self.ema * (1 - self.k)
        return self.ema
