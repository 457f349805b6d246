// Reference in JavaScript: subscriber sets per symbol, one open batch per connection, and a min-heap
// of [due time, connection], one entry per open batch, popped by flush while its top is due.
// publish O(subscribers of the symbol); flush O(k log C) for k due connections, O(1) when none is.

class Batcher {
  constructor(intervalMs) {
    this.interval = intervalMs;
    this.subscribers = new Map(); // symbol -> Set of connections
    this.batches = new Map(); // connection -> messages of its open batch
    this.due = []; // heap of [t0 + interval, connection]
  }

  subscribe(connId, symbol) {
    let set = this.subscribers.get(symbol);
    if (set === undefined) {
      set = new Set();
      this.subscribers.set(symbol, set);
    }
    set.add(connId);
  }

  unsubscribe(connId, symbol) {
    const set = this.subscribers.get(symbol);
    if (set === undefined) return;
    set.delete(connId);
    if (set.size === 0) this.subscribers.delete(symbol);
  }

  publish(nowMs, symbol, message) {
    const set = this.subscribers.get(symbol);
    if (set === undefined) return;
    for (const conn of set) {
      const batch = this.batches.get(conn);
      if (batch === undefined) {
        this.batches.set(conn, [message]); // the first message opens the batch and sets its timer
        push(this.due, [nowMs + this.interval, conn]);
      } else {
        batch.push(message);
      }
    }
  }

  flush(nowMs) {
    const due = [];
    while (this.due.length > 0 && this.due[0][0] <= nowMs) due.push(pop(this.due)[1]);
    due.sort((a, b) => a - b);
    return due.map((conn) => {
      const messages = this.batches.get(conn);
      this.batches.delete(conn);
      return [conn, messages];
    });
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
