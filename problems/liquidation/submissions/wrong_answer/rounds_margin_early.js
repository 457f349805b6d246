// Wrong answer: the margins are rounded to cents (toFixed(2)) before they are divided by the quantity.
// Exchanges round the final price to the tick, not the intermediate amounts.

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const notional = entryPrice * quantity;
  const initial = Number((notional / leverage).toFixed(2));
  const maintenance = Number((notional * maintenanceMarginRate).toFixed(2));
  const move = (initial - maintenance) / quantity;
  return side === "long" ? entryPrice - move : entryPrice + move;
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  const initial = Number(((entryPrice * quantity) / leverage).toFixed(2));
  return side === "long" ? entryPrice - initial / quantity : entryPrice + initial / quantity;
}

module.exports = { liquidationPrice, bankruptcyPrice };
