"""Mistake: the short side uses the long formula (entry minus the margin distance), so a short is
liquidated below its entry instead of above it."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    notional = entry_price * quantity
    initial_margin = notional / leverage
    maintenance_margin = notional * maintenance_margin_rate
    return entry_price - (initial_margin - maintenance_margin) / quantity


def bankruptcy_price(side, entry_price, quantity, leverage):
    return entry_price - entry_price * quantity / leverage / quantity
