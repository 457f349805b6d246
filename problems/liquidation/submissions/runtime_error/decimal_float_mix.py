"""Mistake: mixes Decimal and float: 1 / leverage is a float, and Decimal * float raises TypeError."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    if side == "long":
        return entry_price * (1 - 1 / leverage) + entry_price * maintenance_margin_rate
    return entry_price * (1 + 1 / leverage) - entry_price * maintenance_margin_rate


def bankruptcy_price(side, entry_price, quantity, leverage):
    if side == "long":
        return entry_price * (1 - 1 / leverage)
    return entry_price * (1 + 1 / leverage)
