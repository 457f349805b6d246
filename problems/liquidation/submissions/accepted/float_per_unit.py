"""Floats in the per-unit form entry * (1 - 1/leverage + rate): the 1x long's bankruptcy price comes
out as a tiny residue rather than exactly 0, which the tolerance (relative to the entry) accepts."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    e = float(entry_price)
    per_unit = e / leverage - e * float(maintenance_margin_rate)
    return e - per_unit if side == "long" else e + per_unit


def bankruptcy_price(side, entry_price, quantity, leverage):
    e = float(entry_price)
    q = float(quantity)
    margin = e * q / leverage
    return e - margin / q if side == "long" else e + margin / q
