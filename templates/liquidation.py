"""liquidation: liquidation and bankruptcy price of an isolated-margin futures position.

Read the spec with `judge show liquidation`; judge this file with `judge run liquidation liquidation.py`.
"""

from __future__ import annotations

from decimal import Decimal


def liquidation_price(
    side: str, entry_price: Decimal, quantity: Decimal, leverage: int, maintenance_margin_rate: Decimal
) -> Decimal:
    """Price at which the position is liquidated.

    side: "long" or "short". initial margin = entry_price * quantity / leverage;
    maintenance margin = entry_price * quantity * maintenance_margin_rate.
    Long: entry - (initial - maintenance) / quantity; short: entry + (initial - maintenance) / quantity.
    Example: liquidation_price("long", Decimal("3000"), Decimal("1"), 10, Decimal("0.005")) == 2715
    """
    raise NotImplementedError


def bankruptcy_price(side: str, entry_price: Decimal, quantity: Decimal, leverage: int) -> Decimal:
    """Price at which the position's whole initial margin is lost.

    Long: entry - initial margin / quantity; short: entry + initial margin / quantity.
    Example: bankruptcy_price("long", Decimal("3000"), Decimal("1"), 10) == 2700
    """
    raise NotImplementedError
