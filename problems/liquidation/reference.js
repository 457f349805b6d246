// Reference in JavaScript: the judge's Decimal arguments arrive as numbers, so this is float
// arithmetic, kept in the ledger's order (margins in quote currency, then per unit) like reference.py;
// the suite compares with a relative tolerance of 1e-9 of the entry price.

function sign(side) {
  if (side === "long") return -1; // a long loses as the price falls
  if (side === "short") return 1;
  throw new Error(`side must be "long" or "short", not ${JSON.stringify(side)}`);
}

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const notional = entryPrice * quantity;
  const initialMargin = notional / leverage;
  const maintenanceMargin = notional * maintenanceMarginRate;
  return entryPrice + (sign(side) * (initialMargin - maintenanceMargin)) / quantity;
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  const initialMargin = (entryPrice * quantity) / leverage;
  return entryPrice + (sign(side) * initialMargin) / quantity;
}

module.exports = { liquidationPrice, bankruptcyPrice };
