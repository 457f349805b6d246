// Accepted, notes style (top level, no export): publish times never decrease, so batches open in due
// order and a FIFO queue of [due, conn] replaces the heap. The queue is read from a head index:
// Array.prototype.shift() would copy the whole array on every flush in the worst case.

class Batcher {
  constructor(intervalMs) {
    this.intervalMs = intervalMs;
    this.subs = new Map();
    this.open = new Map();
    this.queue = [];
    this.head = 0;
  }

  subscribe(connId, symbol) {
    if (!this.subs.has(symbol)) this.subs.set(symbol, new Set());
    this.subs.get(symbol).add(connId);
  }

  unsubscribe(connId, symbol) {
    this.subs.get(symbol)?.delete(connId);
  }

  publish(nowMs, symbol, message) {
    for (const conn of this.subs.get(symbol) ?? []) {
      const batch = this.open.get(conn);
      if (batch) {
        batch.push(message);
      } else {
        this.open.set(conn, [message]);
        this.queue.push([nowMs + this.intervalMs, conn]);
      }
    }
  }

  flush(nowMs) {
    const due = [];
    while (this.head < this.queue.length && this.queue[this.head][0] <= nowMs) {
      due.push(this.queue[this.head][1]);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    due.sort((a, b) => a - b);
    return due.map((conn) => {
      const messages = this.open.get(conn);
      this.open.delete(conn);
      return [conn, messages];
    });
  }
}
