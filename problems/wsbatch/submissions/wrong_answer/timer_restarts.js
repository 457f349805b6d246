// Wrong answer: every message restarts its connection's timer (t0 = the latest publish), so a busy
// connection's batch is never due; the batch is due interval after its first message.

class Batcher {
  constructor(intervalMs) {
    this.interval = intervalMs;
    this.subs = {};
    this.batches = new Map();
  }

  subscribe(connId, symbol) {
    (this.subs[symbol] ??= new Set()).add(connId);
  }

  unsubscribe(connId, symbol) {
    this.subs[symbol]?.delete(connId);
  }

  publish(nowMs, symbol, message) {
    for (const conn of this.subs[symbol] ?? []) {
      const batch = this.batches.get(conn) ?? { t0: nowMs, messages: [] };
      batch.t0 = nowMs;
      batch.messages.push(message);
      this.batches.set(conn, batch);
    }
  }

  flush(nowMs) {
    const due = [...this.batches].filter(([, b]) => nowMs >= b.t0 + this.interval).map(([conn]) => conn);
    due.sort((a, b) => a - b);
    return due.map((conn) => {
      const { messages } = this.batches.get(conn);
      this.batches.delete(conn);
      return [conn, messages];
    });
  }
}

module.exports = { Batcher };
