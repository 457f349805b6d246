"""Decimal throughout, margins computed as amounts of money like the spec (the reference's style)."""

from decimal import Decimal


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    initial_margin = notional / leverage
    maintenance_margin = notional * maintenance_margin_rate
    distance = (initial_margin - maintenance_margin) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    initial_margin = entry_price * quantity / leverage
    distance = initial_margin / quantity
    return entry_price - distance if side == "long" else entry_price + distance


if __name__ == "__main__":
    assert liquidation_price("long", Decimal("3000"), Decimal("1"), 10, Decimal("0.005")) == 2715
    assert bankruptcy_price("long", Decimal("3000"), Decimal("1"), 10) == 2700
