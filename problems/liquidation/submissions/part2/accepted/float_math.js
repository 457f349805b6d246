// Accepted: JavaScript numbers (floats) throughout, CommonJS exports. Positions arrive as arrays
// [symbol, side, entryPrice, quantity] and marks as a plain object.

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const perUnit = entryPrice / leverage - entryPrice * maintenanceMarginRate;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  const perUnit = entryPrice / leverage;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

const pnl = ([symbol, side, entry, quantity], marks) =>
  (side === "long" ? 1 : -1) * (marks[symbol] - entry) * quantity;

function equity(balance, positions, marks) {
  return positions.reduce((sum, p) => sum + pnl(p, marks), balance);
}

function maintenance(positions, marks, mmRate) {
  return positions.reduce((sum, [symbol, , , quantity]) => sum + quantity * marks[symbol], 0) * mmRate;
}

function isLiquidatable(balance, positions, marks, mmRate) {
  return equity(balance, positions, marks) <= maintenance(positions, marks, mmRate);
}

function crossLiquidationPrice(balance, positions, marks, mmRate, symbol) {
  const mine = positions.find(([held]) => held === symbol);
  if (mine === undefined) return null;
  const [, side, entry, quantity] = mine;
  const others = positions.filter(([held]) => held !== symbol);
  const rest = equity(balance, others, marks);
  const mmRest = maintenance(others, marks, mmRate);
  const price =
    side === "long"
      ? (mmRest + quantity * entry - rest) / (quantity * (1 - mmRate))
      : (rest + quantity * entry - mmRest) / (quantity * (1 + mmRate));
  return price > 0 ? price : null;
}

module.exports = { liquidationPrice, bankruptcyPrice, equity, maintenance, isLiquidatable, crossLiquidationPrice };
