// Two min-heaps with lazy entries: [due, conn, t0] for batches and [deadline, conn, lastSeen] for
// heartbeats. Each batch keeps a Map symbol -> slot of its conflatable message (gone with the batch).
// A paused connection's due batch leaves the heap for `held`; resume pushes it back.

class Batcher {
  constructor(intervalMs, timeoutMs = null, maxPending = null) {
    this.interval = intervalMs;
    this.timeout = timeoutMs; // null: nobody is ever reaped
    this.maxPending = maxPending; // null: nobody is ever dropped
    this.paused = new Set();
    this.held = new Set();
    this.gone = new Set();
    this.subscribers = new Map(); // symbol -> Set of conns
    this.subscriptions = new Map(); // conn -> Set of symbols
    this.batches = new Map(); // conn -> { t0, messages }
    this.due = [];
    this.lastSeen = new Map(); // live conns only
    this.deadlines = [];
  }

  subscribe(connId, symbol) {
    if (!this.subscribers.has(symbol)) this.subscribers.set(symbol, new Set());
    this.subscribers.get(symbol).add(connId);
    if (!this.subscriptions.has(connId)) this.subscriptions.set(connId, new Set());
    this.subscriptions.get(connId).add(symbol);
  }

  unsubscribe(connId, symbol) {
    const conns = this.subscribers.get(symbol);
    if (conns !== undefined) conns.delete(connId);
    const symbols = this.subscriptions.get(connId);
    if (symbols !== undefined) symbols.delete(symbol);
  }

  publish(nowMs, symbol, message, conflate = false) {
    const conns = this.subscribers.get(symbol);
    if (conns === undefined) return;
    const over = [];
    for (const conn of conns) {
      let batch = this.batches.get(conn);
      if (batch === undefined) {
        batch = { t0: nowMs, messages: [], slots: new Map() };
        this.batches.set(conn, batch);
        push(this.due, [nowMs + this.interval, conn, nowMs]);
      }
      if (conflate && batch.slots.has(symbol)) {
        batch.messages[batch.slots.get(symbol)] = message;
        continue;
      }
      if (conflate) batch.slots.set(symbol, batch.messages.length);
      batch.messages.push(message);
      if (this.maxPending != null && batch.messages.length > this.maxPending) over.push(conn);
    }
    for (const conn of over) {
      this.forget(conn);
      this.gone.add(conn);
    }
  }

  flush(nowMs) {
    const out = [];
    while (this.due.length > 0 && this.due[0][0] <= nowMs) {
      const [, conn, t0] = pop(this.due);
      const batch = this.batches.get(conn);
      if (batch === undefined || batch.t0 !== t0) continue;
      if (this.paused.has(conn)) {
        this.held.add(conn);
      } else {
        this.batches.delete(conn);
        out.push([conn, batch.messages]);
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  connect(nowMs, connId) {
    this.lastSeen.set(connId, nowMs);
    if (this.timeout != null) push(this.deadlines, [nowMs + this.timeout, connId, nowMs]);
  }

  pong(nowMs, connId) {
    if (this.lastSeen.has(connId)) this.connect(nowMs, connId);
  }

  reap(nowMs) {
    const dead = [];
    while (this.deadlines.length > 0 && this.deadlines[0][0] <= nowMs) {
      const [, conn, seen] = pop(this.deadlines);
      if (this.lastSeen.get(conn) !== seen) continue; // refreshed since, or already reaped
      dead.push(conn);
      this.forget(conn);
    }
    return dead.sort((a, b) => a - b);
  }

  forget(conn) {
    this.lastSeen.delete(conn);
    this.batches.delete(conn);
    this.paused.delete(conn);
    this.held.delete(conn);
    for (const symbol of this.subscriptions.get(conn) || []) this.subscribers.get(symbol).delete(conn);
    this.subscriptions.delete(conn);
  }

  pause(connId) {
    this.paused.add(connId);
  }

  resume(connId) {
    this.paused.delete(connId);
    if (!this.held.delete(connId)) return;
    const batch = this.batches.get(connId);
    push(this.due, [batch.t0 + this.interval, connId, batch.t0]);
  }

  dropped() {
    const out = [...this.gone].sort((a, b) => a - b);
    this.gone.clear();
    return out;
  }
}

function before(a, b) {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function push(heap, item) {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function pop(heap) {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && before(heap[left], heap[best])) best = left;
      if (right < heap.length && before(heap[right], heap[best])) best = right;
      if (best === i) break;
      [heap[i], heap[best]] = [heap[best], heap[i]];
      i = best;
    }
  }
  return top;
}

module.exports = { Batcher };
