"""Everything converted to float first: accepted, as float results are compared within the
tolerance and the judge's exact boundaries use amounts a float holds exactly (a ledger would keep
Decimal: 0.1 + 0.2 != 0.3)."""


def liquidation_price(side, entry_price, quantity, leverage, maintenance_margin_rate):
    entry, qty, rate = float(entry_price), float(quantity), float(maintenance_margin_rate)
    distance = (entry * qty / leverage - entry * qty * rate) / qty
    return entry - distance if side == "long" else entry + distance


def bankruptcy_price(side, entry_price, quantity, leverage):
    entry = float(entry_price)
    return entry - entry / leverage if side == "long" else entry + entry / leverage


def _unrealized(positions, marks, skip=None):
    total = 0.0
    for symbol, side, entry, quantity in positions:
        if symbol != skip:
            direction = 1.0 if side == "long" else -1.0
            total += direction * (float(marks[symbol]) - float(entry)) * float(quantity)
    return total


def _value(positions, marks, skip=None):
    return sum(float(q) * float(marks[s]) for s, _side, _e, q in positions if s != skip)


def equity(balance, positions, marks):
    return float(balance) + _unrealized(positions, marks)


def maintenance(positions, marks, mm_rate):
    return _value(positions, marks) * float(mm_rate)


def is_liquidatable(balance, positions, marks, mm_rate):
    return equity(balance, positions, marks) <= maintenance(positions, marks, mm_rate)


def cross_liquidation_price(balance, positions, marks, mm_rate, symbol):
    for held, side, entry, quantity in positions:
        if held == symbol:
            q, e, r = float(quantity), float(entry), float(mm_rate)
            rest = float(balance) + _unrealized(positions, marks, symbol)
            mm_rest = _value(positions, marks, symbol) * r
            if side == "long":
                price = (mm_rest + q * e - rest) / (q * (1 - r))
            else:
                price = (rest + q * e - mm_rest) / (q * (1 + r))
            return price if price > 0 else None
    return None
