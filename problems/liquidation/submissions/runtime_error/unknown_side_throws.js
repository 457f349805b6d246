// Runtime error: the side is matched against "LONG" and "SHORT"; the judge sends "long" and "short",
// so every call reaches the throw.

function sign(side) {
  switch (side) {
    case "LONG":
      return -1;
    case "SHORT":
      return 1;
    default:
      throw new RangeError(`unknown side ${side}`);
  }
}

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  return entryPrice + sign(side) * entryPrice * (1 / leverage - maintenanceMarginRate);
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  return entryPrice + (sign(side) * entryPrice) / leverage;
}

module.exports = { liquidationPrice, bankruptcyPrice };
