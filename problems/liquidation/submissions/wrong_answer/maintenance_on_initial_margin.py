"""Mistake: maintenance margin taken as a share of the initial margin (initial_margin * rate) instead
of the notional. Equal only at leverage 1."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    initial_margin = entry_price * quantity / leverage
    maintenance_margin = initial_margin * maintenance_margin_rate
    distance = (initial_margin - maintenance_margin) / quantity
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price / leverage
    return entry_price - distance if side == "long" else entry_price + distance
