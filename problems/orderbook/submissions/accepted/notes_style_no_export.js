// Accepted, written as interview notes write it: a class at top level, no export at all.
// Sorted price levels are kept in heaps of prices (lazy deletion); each level is a FIFO queue
// read from a head index.

function heapPush(heap, value, better) {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!better(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

function heapPop(heap, better) {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length) {
    heap[0] = last;
    let i = 0;
    while (true) {
      let b = i;
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < heap.length && better(heap[c], heap[b])) b = c;
      if (b === i) break;
      [heap[i], heap[b]] = [heap[b], heap[i]];
      i = b;
    }
  }
  return top;
}

const higher = (a, b) => a > b;
const lower = (a, b) => a < b;

class OrderBook {
  constructor() {
    this.bids = { heap: [], levels: new Map(), better: higher };
    this.asks = { heap: [], levels: new Map(), better: lower };
    this.live = new Map(); // orderId -> { book, price, qty }
  }

  top(book) {
    while (book.heap.length) {
      const price = book.heap[0];
      if (book.levels.get(price).qty > 0) return price;
      heapPop(book.heap, book.better);
      book.levels.delete(price);
    }
    return null;
  }

  submit(orderId, side, price, quantity) {
    const mine = side === "buy" ? this.bids : this.asks;
    const theirs = side === "buy" ? this.asks : this.bids;
    const trades = [];
    let left = quantity;
    while (left > 0) {
      const best = this.top(theirs);
      if (best === null) break;
      if (side === "buy" ? best > price : best < price) break;
      const level = theirs.levels.get(best);
      while (left > 0 && level.head < level.ids.length) {
        const makerId = level.ids[level.head];
        const maker = this.live.get(makerId);
        if (!maker) {
          level.head++;
          continue;
        }
        const fill = Math.min(left, maker.qty);
        trades.push([makerId, orderId, best, fill]);
        left -= fill;
        maker.qty -= fill;
        level.qty -= fill;
        if (maker.qty === 0) {
          this.live.delete(makerId);
          level.head++;
        }
      }
    }
    if (left > 0) {
      let level = mine.levels.get(price);
      if (!level) {
        level = { ids: [], head: 0, qty: 0 };
        mine.levels.set(price, level);
        heapPush(mine.heap, price, mine.better);
      }
      level.ids.push(orderId);
      level.qty += left;
      this.live.set(orderId, { book: mine, price, qty: left });
    }
    return trades;
  }

  cancel(orderId) {
    const order = this.live.get(orderId);
    if (!order) return false;
    this.live.delete(orderId);
    order.book.levels.get(order.price).qty -= order.qty;
    return true;
  }

  bestBid() {
    return this.top(this.bids);
  }

  bestAsk() {
    return this.top(this.asks);
  }

  depth(side, levels) {
    const book = side === "buy" ? this.bids : this.asks;
    return [...book.levels.entries()]
      .filter(([, level]) => level.qty > 0)
      .sort(([a], [b]) => (side === "buy" ? b - a : a - b))
      .slice(0, levels)
      .map(([price, level]) => [price, level.qty]);
  }
}
