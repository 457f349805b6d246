// Part 2 in JavaScript: the part-1 reference.js grown. One matching loop takes an optional limit
// (null for a market order); IOC and market drop what is left, post-only looks at the opposite best
// before matching and is rejected whole if it would cross (equal prices cross).

class Heap {
  constructor(before) {
    this.items = [];
    this.before = before;
  }

  get size() {
    return this.items.length;
  }

  peek() {
    return this.items[0];
  }

  push(value) {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.before(items[left], items[best])) best = left;
        if (right < items.length && this.before(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

class OrderBook {
  constructor() {
    this.levels = { buy: new Map(), sell: new Map() }; // price -> { queue, head, quantity }
    this.heaps = { buy: new Heap((a, b) => a > b), sell: new Heap((a, b) => a < b) };
    this.orders = new Map(); // id -> { side, price, remaining } while it rests
  }

  best(side) {
    const heap = this.heaps[side];
    const levels = this.levels[side];
    while (heap.size > 0) {
      const price = heap.peek();
      if (levels.get(price).quantity > 0) return price;
      heap.pop(); // an emptied level, dropped lazily
      levels.delete(price);
    }
    return null;
  }

  match(orderId, side, limit, quantity) {
    const other = side === "buy" ? "sell" : "buy";
    const trades = [];
    while (quantity > 0) {
      const best = this.best(other);
      if (best === null) break;
      if (limit !== null && (side === "buy" ? best > limit : best < limit)) break;
      const level = this.levels[other].get(best);
      while (quantity > 0 && level.head < level.queue.length) {
        const makerId = level.queue[level.head];
        const maker = this.orders.get(makerId);
        if (maker === undefined) {
          level.head++; // cancelled
          continue;
        }
        const fill = Math.min(quantity, maker.remaining);
        trades.push([makerId, orderId, best, fill]);
        quantity -= fill;
        maker.remaining -= fill;
        level.quantity -= fill;
        if (maker.remaining === 0) {
          this.orders.delete(makerId);
          level.head++;
        }
      }
      compact(level);
    }
    return { trades, left: quantity };
  }

  submit(orderId, side, price, quantity, tif = "gtc") {
    if (tif === "post_only") {
      const opposite = this.best(side === "buy" ? "sell" : "buy");
      if (opposite !== null && (side === "buy" ? opposite <= price : opposite >= price)) return [];
    }
    const { trades, left } = this.match(orderId, side, price, quantity);
    if (left > 0 && tif !== "ioc") {
      const levels = this.levels[side];
      let level = levels.get(price);
      if (level === undefined) {
        level = { queue: [], head: 0, quantity: 0 };
        levels.set(price, level);
        this.heaps[side].push(price);
      }
      level.queue.push(orderId);
      level.quantity += left;
      this.orders.set(orderId, { side, price, remaining: left });
    }
    return trades;
  }

  market(orderId, side, quantity) {
    return this.match(orderId, side, null, quantity).trades;
  }

  cancel(orderId) {
    const order = this.orders.get(orderId);
    if (order === undefined) return false;
    this.orders.delete(orderId);
    this.levels[order.side].get(order.price).quantity -= order.remaining;
    return true;
  }

  bestBid() {
    return this.best("buy");
  }

  bestAsk() {
    return this.best("sell");
  }

  depth(side, levels) {
    const live = [...this.levels[side]].filter(([, level]) => level.quantity > 0)
      .map(([price, level]) => [price, level.quantity]);
    live.sort(side === "buy" ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
    return live.slice(0, levels);
  }
}

function compact(level) {
  // Drop the consumed head of the queue once it is most of the array: amortised O(1) per order.
  if (level.head > 32 && level.head * 2 > level.queue.length) {
    level.queue = level.queue.slice(level.head);
    level.head = 0;
  }
}

module.exports = { OrderBook };
