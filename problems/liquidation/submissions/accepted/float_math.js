// Accepted: plain float arithmetic per unit of the position, CommonJS exports.

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const perUnit = entryPrice / leverage - entryPrice * maintenanceMarginRate;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  const perUnit = entryPrice / leverage;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

module.exports = { liquidationPrice, bankruptcyPrice };
