// Compile error: the functions are named as in Python; in JavaScript they are liquidationPrice and
// bankruptcyPrice.

function liquidation_price(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const move = entryPrice * (1 / leverage - maintenanceMarginRate);
  return side === "long" ? entryPrice - move : entryPrice + move;
}

function bankruptcy_price(side, entryPrice, quantity, leverage) {
  return side === "long" ? entryPrice - entryPrice / leverage : entryPrice + entryPrice / leverage;
}

module.exports = { liquidation_price, bankruptcy_price };
