// Complexity failed: correct, but each side keeps its prices in a sorted array, and a new price level
// is put in place with Array.prototype.splice (so is an emptied one taken out): O(L) per new level,
// where a heap or a balanced tree takes O(log L).

function lowerBound(items, key, before) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid], key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class OrderBook {
  constructor() {
    // prices best first: bids descending, asks ascending
    this.sides = {
      buy: { prices: [], levels: new Map(), before: (a, b) => a > b },
      sell: { prices: [], levels: new Map(), before: (a, b) => a < b },
    };
    this.orders = new Map(); // id -> { side, price, qty }
  }

  submit(orderId, side, price, quantity) {
    const book = this.sides[side === "buy" ? "sell" : "buy"];
    const trades = [];
    while (quantity > 0 && book.prices.length) {
      const best = book.prices[0];
      if (side === "buy" ? best > price : best < price) break;
      const level = book.levels.get(best);
      while (quantity > 0 && level.head < level.ids.length) {
        const makerId = level.ids[level.head];
        const maker = this.orders.get(makerId);
        if (!maker) {
          level.head++;
          continue;
        }
        const fill = Math.min(quantity, maker.qty);
        trades.push([makerId, orderId, best, fill]);
        quantity -= fill;
        maker.qty -= fill;
        level.qty -= fill;
        if (maker.qty === 0) {
          this.orders.delete(makerId);
          level.head++;
        }
      }
      if (level.qty === 0) this.removeLevel(book, best);
    }
    if (quantity > 0) {
      const mine = this.sides[side];
      let level = mine.levels.get(price);
      if (!level) {
        level = { ids: [], head: 0, qty: 0 };
        mine.levels.set(price, level);
        mine.prices.splice(lowerBound(mine.prices, price, mine.before), 0, price);
      }
      level.ids.push(orderId);
      level.qty += quantity;
      this.orders.set(orderId, { side, price, qty: quantity });
    }
    return trades;
  }

  removeLevel(book, price) {
    book.levels.delete(price);
    book.prices.splice(lowerBound(book.prices, price, book.before), 1);
  }

  cancel(orderId) {
    const order = this.orders.get(orderId);
    if (!order) return false;
    this.orders.delete(orderId);
    const book = this.sides[order.side];
    const level = book.levels.get(order.price);
    level.qty -= order.qty;
    if (level.qty === 0) this.removeLevel(book, order.price);
    return true;
  }

  bestBid() {
    return this.sides.buy.prices.length ? this.sides.buy.prices[0] : null;
  }

  bestAsk() {
    return this.sides.sell.prices.length ? this.sides.sell.prices[0] : null;
  }

  depth(side, levels) {
    const book = this.sides[side];
    return book.prices.slice(0, levels).map((price) => [price, book.levels.get(price).qty]);
  }
}

module.exports = { OrderBook };
