// Complexity failed: right answers, but flush looks at every open batch to find the due ones: O(C)
// per flush even when none is due, where a heap (or a queue in due order) answers in O(1).

class Batcher {
  constructor(intervalMs) {
    this.interval = intervalMs;
    this.subs = new Map();
    this.batches = new Map(); // conn -> { t0, messages }
  }

  subscribe(connId, symbol) {
    if (!this.subs.has(symbol)) this.subs.set(symbol, new Set());
    this.subs.get(symbol).add(connId);
  }

  unsubscribe(connId, symbol) {
    if (this.subs.has(symbol)) this.subs.get(symbol).delete(connId);
  }

  publish(nowMs, symbol, message) {
    for (const conn of this.subs.get(symbol) || []) {
      if (!this.batches.has(conn)) this.batches.set(conn, { t0: nowMs, messages: [] });
      this.batches.get(conn).messages.push(message);
    }
  }

  flush(nowMs) {
    const due = [];
    for (const [conn, batch] of this.batches) if (nowMs >= batch.t0 + this.interval) due.push(conn);
    due.sort((a, b) => a - b);
    return due.map((conn) => {
      const { messages } = this.batches.get(conn);
      this.batches.delete(conn);
      return [conn, messages];
    });
  }
}

module.exports = { Batcher };
