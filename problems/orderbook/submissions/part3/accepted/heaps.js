// Part 3 in JavaScript: part 2's heaps grown with stops and OCO. Parked stops wait in one heap per
// side, keyed by how far the mark must move to reach them (buy: stop price, sell: minus it), so
// setMark pops exactly the stops it triggers and runs them by placement sequence. A leg's OCO sibling
// is cancelled the moment the leg trades (inside the matching loop), triggers, or is cancelled.

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
    const byKeyThenSeq = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    this.stopHeaps = { buy: new Heap(byKeyThenSeq), sell: new Heap(byKeyThenSeq) }; // [key, seq, id]
    this.stops = new Map(); // parked id -> { side, stopPrice, quantity, limitPrice }
    this.placed = 0;
    this.mark = null;
    this.links = new Map(); // OCO leg -> sibling, both ways
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
        this.dropSibling(makerId); // now: this taker must not reach the sibling further down
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
    if (!this.remove(orderId)) return false;
    this.dropSibling(orderId);
    return true;
  }

  remove(orderId) {
    if (this.stops.delete(orderId)) return true; // its heap entry is skipped when it surfaces
    const order = this.orders.get(orderId);
    if (order === undefined) return false;
    this.orders.delete(orderId);
    this.levels[order.side].get(order.price).quantity -= order.remaining;
    return true;
  }

  dropSibling(orderId) {
    const sibling = this.links.get(orderId);
    if (sibling === undefined) return;
    this.links.delete(orderId);
    this.links.delete(sibling);
    this.remove(sibling);
  }

  static reached(side, stopPrice, mark) {
    return side === "buy" ? mark >= stopPrice : mark <= stopPrice;
  }

  stop(orderId, side, stopPrice, quantity, limitPrice = null) {
    if (this.mark !== null && OrderBook.reached(side, stopPrice, this.mark)) return false;
    this.placed++;
    this.stops.set(orderId, { side, stopPrice, quantity, limitPrice });
    this.stopHeaps[side].push([side === "buy" ? stopPrice : -stopPrice, this.placed, orderId]);
    return true;
  }

  setMark(price) {
    this.mark = price;
    const fired = [];
    for (const side of ["buy", "sell"]) {
      const heap = this.stopHeaps[side];
      while (heap.size > 0) {
        const [key, seq, id] = heap.peek();
        if (this.stops.has(id) && !OrderBook.reached(side, Math.abs(key), price)) break;
        heap.pop();
        if (this.stops.has(id)) fired.push([seq, id]);
      }
    }
    fired.sort((a, b) => a[0] - b[0]);
    const trades = [];
    for (const [, id] of fired) {
      const stop = this.stops.get(id);
      if (stop === undefined) continue; // an OCO sibling of a stop that ran before it
      this.stops.delete(id);
      this.dropSibling(id);
      const more = stop.limitPrice === null
        ? this.market(id, stop.side, stop.quantity)
        : this.submit(id, stop.side, stop.limitPrice, stop.quantity);
      trades.push(...more);
    }
    return trades;
  }

  oco(orderIdA, orderIdB) {
    const live = (id) => this.stops.has(id) || this.orders.has(id);
    if (orderIdA === orderIdB || this.links.has(orderIdA) || this.links.has(orderIdB)) return false;
    if (!live(orderIdA) || !live(orderIdB)) return false;
    this.links.set(orderIdA, orderIdB);
    this.links.set(orderIdB, orderIdA);
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
