"""ema: a streaming exponential moving average.

Read the spec with `judge show ema`; judge this file with `judge run ema ema.py`.
"""

from __future__ import annotations


class EMA:
    def __init__(self, period: int) -> None:
        """An EMA over `period` prices: smoothing factor k = 2 / (period + 1)."""
        raise NotImplementedError

    def update(self, price: float) -> float:
        """Add one price and return the new average: the price itself on the first update, then
        price * k + previous * (1 - k). O(1) time and memory, whatever came before."""
        raise NotImplementedError
