// liquidation: liquidation and bankruptcy price of an isolated-margin futures position.
//
// Read the spec with `judge show liquidation`; judge this file with `judge run liquidation liquidation.js`.
// The judge's Decimal arguments arrive as numbers; results are compared with a relative tolerance.

/**
 * Price at which the position is liquidated.
 *
 * side: "long" or "short". initial margin = entryPrice * quantity / leverage;
 * maintenance margin = entryPrice * quantity * maintenanceMarginRate.
 * Long: entry - (initial - maintenance) / quantity; short: entry + (initial - maintenance) / quantity.
 * Example: liquidationPrice("long", 3000, 1, 10, 0.005) === 2715
 * @param {"long" | "short"} side
 * @param {number} entryPrice
 * @param {number} quantity
 * @param {number} leverage
 * @param {number} maintenanceMarginRate
 * @returns {number}
 */
function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  throw new Error("todo");
}

/**
 * Price at which the position's whole initial margin is lost.
 *
 * Long: entry - initial margin / quantity; short: entry + initial margin / quantity.
 * Example: bankruptcyPrice("long", 3000, 1, 10) === 2700
 * @param {"long" | "short"} side
 * @param {number} entryPrice
 * @param {number} quantity
 * @param {number} leverage
 * @returns {number}
 */
function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  throw new Error("todo");
}

module.exports = { liquidationPrice, bankruptcyPrice };
