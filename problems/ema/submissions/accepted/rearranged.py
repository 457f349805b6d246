"""The rearranged update ema += k * (price - ema), with a count for the first price. With positive
prices this stays within a few ulps of the textbook form."""


class EMA:
    def __init__(self, period):
        self.alpha = 2.0 / (period + 1)
        self.value = 0.0
        self.count = 0

    def update(self, price):
        if self.count == 0:
            self.value = price
        else:
            self.value += self.alpha * (price - self.value)
        self.count += 1
        return self.value
