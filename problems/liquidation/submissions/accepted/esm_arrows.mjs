// Accepted: an ES module exporting arrow functions, margins kept in quote currency like a ledger.

const direction = (side) => (side === "long" ? -1 : 1);

export const liquidationPrice = (side, entryPrice, quantity, leverage, maintenanceMarginRate) => {
  const notional = entryPrice * quantity;
  const buffer = notional / leverage - notional * maintenanceMarginRate;
  return entryPrice + (direction(side) * buffer) / quantity;
};

export const bankruptcyPrice = (side, entryPrice, quantity, leverage) =>
  entryPrice + (direction(side) * (entryPrice * quantity) / leverage) / quantity;
