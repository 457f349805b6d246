"""One helper with sign = -1 for a long and +1 for a short, in the simplified per-unit form
entry * (1 + sign * (1/leverage - rate)), all in Decimal."""

from decimal import Decimal

SIGN = {"long": -1, "short": 1}


def _price(side, entry_price, leverage, rate):
    return entry_price * (1 + SIGN[side] * (Decimal(1) / Decimal(leverage) - rate))


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    return _price(side, entry_price, leverage, maintenance_margin_rate)


def bankruptcy_price(side, entry_price, quantity, leverage):
    return _price(side, entry_price, leverage, Decimal(0))
