// Wrong answer: due batches come out in the order they opened (a Map keeps insertion order), not
// ordered by connection id.

class Batcher {
  constructor(intervalMs) {
    this.interval = intervalMs;
    this.subs = new Map();
    this.batches = new Map(); // conn -> { t0, messages }, in the order batches opened
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
    const out = [];
    for (const [conn, batch] of this.batches) {
      if (nowMs >= batch.t0 + this.interval) {
        out.push([conn, batch.messages]);
        this.batches.delete(conn);
      }
    }
    return out;
  }
}

module.exports = { Batcher };
