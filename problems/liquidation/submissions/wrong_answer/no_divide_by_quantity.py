"""Mistake: forgets to divide the margins by the quantity, treating an amount of money for the whole
position as a price distance. Right only for a quantity of 1."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    initial_margin = notional / leverage
    maintenance_margin = notional * maintenance_margin_rate
    distance = initial_margin - maintenance_margin
    return entry_price - distance if side == "long" else entry_price + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    distance = entry_price * quantity / leverage
    return entry_price - distance if side == "long" else entry_price + distance
