// Wrong answer: the prices are sorted with Array.prototype.sort() and no comparator, which compares
// numbers as strings: "100" < "97", so around a digit boundary the best price is the wrong one.

class OrderBook {
  constructor() {
    this.sides = { buy: new Map(), sell: new Map() }; // price -> array of order ids
    this.orders = new Map(); // id -> { side, price, qty }
  }

  prices(side) {
    const prices = [...this.sides[side].keys()];
    const sorted = prices.sort(); // lexicographic: [100, 101, 97, 98, 99]
    return side === "buy" ? sorted.reverse() : sorted;
  }

  submit(orderId, side, price, quantity) {
    const other = side === "buy" ? "sell" : "buy";
    const trades = [];
    for (const level of this.prices(other)) {
      if (quantity === 0 || (side === "buy" ? level > price : level < price)) break;
      const ids = this.sides[other].get(level);
      while (quantity > 0 && ids.length) {
        const makerId = ids[0];
        const maker = this.orders.get(makerId);
        const fill = Math.min(quantity, maker.qty);
        trades.push([makerId, orderId, level, fill]);
        quantity -= fill;
        maker.qty -= fill;
        if (maker.qty === 0) {
          ids.shift();
          this.orders.delete(makerId);
        }
      }
      if (!ids.length) this.sides[other].delete(level);
    }
    if (quantity > 0) {
      if (!this.sides[side].has(price)) this.sides[side].set(price, []);
      this.sides[side].get(price).push(orderId);
      this.orders.set(orderId, { side, price, qty: quantity });
    }
    return trades;
  }

  cancel(orderId) {
    const order = this.orders.get(orderId);
    if (!order) return false;
    const ids = this.sides[order.side].get(order.price);
    ids.splice(ids.indexOf(orderId), 1);
    if (!ids.length) this.sides[order.side].delete(order.price);
    this.orders.delete(orderId);
    return true;
  }

  bestBid() {
    return this.prices("buy")[0] ?? null;
  }

  bestAsk() {
    return this.prices("sell")[0] ?? null;
  }

  depth(side, levels) {
    return this.prices(side).slice(0, levels).map((price) => [
      price,
      this.sides[side].get(price).reduce((sum, id) => sum + this.orders.get(id).qty, 0),
    ]);
  }
}

module.exports = { OrderBook };
