// Accepted: JavaScript numbers (floats), parts 1-3 in one CommonJS file. The engine keeps, per
// symbol and side, an array of open positions sorted so that the next to be reached is at the end:
// a mark that reaches nothing looks at two array ends.

function liquidationPrice(side, entryPrice, quantity, leverage, maintenanceMarginRate) {
  const perUnit = entryPrice / leverage - entryPrice * maintenanceMarginRate;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

function bankruptcyPrice(side, entryPrice, quantity, leverage) {
  const perUnit = entryPrice / leverage;
  return side === "long" ? entryPrice - perUnit : entryPrice + perUnit;
}

const pnl = (side, entry, quantity, price) => (side === "long" ? 1 : -1) * (price - entry) * quantity;

function equity(balance, positions, marks) {
  return positions.reduce((sum, [symbol, side, entry, quantity]) => sum + pnl(side, entry, quantity, marks[symbol]), balance);
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

class LiquidationEngine {
  constructor(mmRate) {
    this.mmRate = mmRate;
    this.positions = new Map(); // pid -> {symbol, side, entry, quantity, margin, key}
    this.queues = new Map(); // "symbol side" -> [{key, pid}] sorted by key descending: the end goes first
    this.fund = 0;
  }

  queue(symbol, side) {
    const name = `${symbol} ${side}`;
    if (!this.queues.has(name)) this.queues.set(name, []);
    return this.queues.get(name);
  }

  open(pid, symbol, side, entryPrice, quantity, leverage) {
    const price = liquidationPrice(side, entryPrice, quantity, leverage, this.mmRate);
    // longs go highest price first, shorts lowest first: with key -price for a long and price for a
    // short, both queues are sorted by key descending and the end (the smallest key) goes first
    const key = side === "long" ? -price : price;
    const queue = this.queue(symbol, side);
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid].key > key) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, { key, pid });
    this.positions.set(pid, { symbol, side, entry: entryPrice, quantity, margin: (entryPrice * quantity) / leverage });
    return price;
  }

  close(pid) {
    return this.positions.delete(pid); // its queue entry is skipped when it reaches the end
  }

  mark(symbol, price) {
    const hit = [];
    const longs = this.queue(symbol, "long");
    while (longs.length && price <= -longs[longs.length - 1].key) hit.push(longs.pop().pid);
    const shorts = this.queue(symbol, "short");
    while (shorts.length && price >= shorts[shorts.length - 1].key) hit.push(shorts.pop().pid);
    const done = hit.filter((pid) => this.positions.has(pid)).sort((a, b) => a - b);
    for (const pid of done) {
      const { side, entry, quantity, margin } = this.positions.get(pid);
      this.fund += margin + pnl(side, entry, quantity, price);
      this.positions.delete(pid);
    }
    return done;
  }

  insuranceFund() {
    return this.fund;
  }
}

module.exports = {
  liquidationPrice, bankruptcyPrice, equity, maintenance, isLiquidatable, crossLiquidationPrice, LiquidationEngine,
};
