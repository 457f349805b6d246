"""orderbook: a limit order book with price-time priority matching.

Read the spec with `judge show orderbook`; judge this file with `judge run orderbook orderbook.py`.
"""

from __future__ import annotations


class OrderBook:
    def __init__(self) -> None:
        raise NotImplementedError

    def submit(self, order_id: int, side: str, price: int, quantity: int) -> list[tuple[int, int, int, int]]:
        """Place a limit order ("buy" or "sell"); return the trades as
        (maker_order_id, taker_order_id, price, quantity) in execution order."""
        raise NotImplementedError

    def cancel(self, order_id: int) -> bool:
        """Remove a resting order: True if it was resting, False otherwise."""
        raise NotImplementedError

    def best_bid(self) -> int | None:
        raise NotImplementedError

    def best_ask(self) -> int | None:
        raise NotImplementedError

    def depth(self, side: str, levels: int) -> list[tuple[int, int]]:
        """Up to `levels` (price, total resting quantity) pairs for `side`, best price first."""
        raise NotImplementedError
