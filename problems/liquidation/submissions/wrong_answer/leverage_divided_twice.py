"""Mistake: divides by the leverage in the wrong place: the distance to liquidation,
(initial - maintenance) / quantity, is divided by the leverage again, though initial margin already
is notional / leverage."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    initial_margin = notional / leverage
    maintenance_margin = notional * maintenance_margin_rate
    distance = (initial_margin - maintenance_margin) / quantity / leverage
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage / quantity
    return entry_price - distance if side == "long" else entry_price + distance
