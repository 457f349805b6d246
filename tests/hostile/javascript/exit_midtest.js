// Calls process.exit in the middle of a test case (the fifth submit) of an otherwise correct
// book: the call's runtime error, and the harness lives on.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

let calls = 0;

function tick() {
  calls += 1;
  if (calls === 5) process.exit(3);
}

class OrderBook {
  constructor() {
    this.orders = new Map(); // id -> [side, price, quantity, arrival]
    this.arrivals = 0;
  }

  submit(orderId, side, price, quantity) {
    tick();
    const trades = [];
    const other = side === "buy" ? "sell" : "buy";
    while (quantity > 0) {
      let best = null;
      for (const [id, o] of this.orders) {
        if (o[0] !== other || (side === "buy" ? o[1] > price : o[1] < price)) continue;
        const better = best === null
          || (side === "buy" ? o[1] < best[1][1] : o[1] > best[1][1])
          || (o[1] === best[1][1] && o[3] < best[1][3]);
        if (better) best = [id, o];
      }
      if (best === null) break;
      const [id, maker] = best;
      const fill = Math.min(quantity, maker[2]);
      trades.push([id, orderId, maker[1], fill]);
      quantity -= fill;
      maker[2] -= fill;
      if (maker[2] === 0) this.orders.delete(id);
    }
    if (quantity > 0) this.orders.set(orderId, [side, price, quantity, ++this.arrivals]);
    return trades;
  }

  cancel(orderId) {
    return this.orders.delete(orderId);
  }

  bestBid() {
    return this.best("buy", (a, b) => a > b);
  }

  bestAsk() {
    return this.best("sell", (a, b) => a < b);
  }

  best(side, better) {
    let found = null;
    for (const o of this.orders.values()) if (o[0] === side && (found === null || better(o[1], found))) found = o[1];
    return found;
  }

  depth(side, levels) {
    const totals = new Map();
    for (const o of this.orders.values()) if (o[0] === side) totals.set(o[1], (totals.get(o[1]) || 0) + o[2]);
    return [...totals].sort((a, b) => (side === "buy" ? b[0] - a[0] : a[0] - b[0])).slice(0, levels);
  }
}
