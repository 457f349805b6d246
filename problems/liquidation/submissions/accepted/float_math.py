"""Everything converted to float first: accepted within the 1e-9 relative tolerance (a ledger would
keep Decimal, but the judge only checks the value)."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    entry, qty, rate = float(entry_price), float(quantity), float(maintenance_margin_rate)
    initial_margin = entry * qty / leverage
    maintenance_margin = entry * qty * rate
    if side == "long":
        return entry - (initial_margin - maintenance_margin) / qty
    return entry + (initial_margin - maintenance_margin) / qty


def bankruptcy_price(side, entry_price, quantity, leverage):
    entry, qty = float(entry_price), float(quantity)
    initial_margin = entry * qty / leverage
    if side == "long":
        return entry - initial_margin / qty
    return entry + initial_margin / qty
