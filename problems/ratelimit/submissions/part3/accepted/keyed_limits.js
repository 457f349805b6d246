// Accepted: limits per key; allowAll checks every distinct key, then takes from all of them.
// Only buckets not full are stored; a binary min-heap of [fullAt, bucket number, key] drops full
// ones (an entry whose bucket was reset by configure no longer matches its number and is skipped).

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.tokens = capacity;
    this.last = null;
  }

  allow(now, cost = 1) {
    if (this.last !== null) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.rate);
    }
    this.last = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }
}

class MinHeap {
  constructor() {
    this.items = [];
  }

  get size() {
    return this.items.length;
  }

  top() {
    return this.items[0];
  }

  push(item) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent][0] <= a[i][0]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

class KeyedLimiter {
  constructor(capacity, refillPerSec) {
    this.defaults = [capacity, refillPerSec];
    this.limits = new Map(); // key -> [capacity, rate], for configured keys
    this.buckets = new Map(); // key -> {tokens, last, capacity, rate, n}: only buckets not full
    this.due = new MinHeap();
    this.count = 0;
  }

  configure(key, capacity, refillPerSec) {
    this.limits.set(key, [capacity, refillPerSec]);
    this.buckets.delete(key);
  }

  static fullAt(b) {
    return b.last + (b.capacity - b.tokens) / b.rate;
  }

  forgetFull(now) {
    while (this.due.size > 0 && this.due.top()[0] <= now) {
      const [, n, key] = this.due.pop();
      const b = this.buckets.get(key);
      if (b === undefined || b.n !== n) continue;
      const at = KeyedLimiter.fullAt(b);
      if (at <= now) this.buckets.delete(key);
      else this.due.push([at, n, key]);
    }
  }

  held(key, now) {
    const b = this.buckets.get(key);
    if (b !== undefined) {
      return [Math.min(b.capacity, b.tokens + (now - b.last) * b.rate), b.capacity, b.rate];
    }
    const [capacity, rate] = this.limits.get(key) ?? this.defaults;
    return [capacity, capacity, rate];
  }

  allow(key, now, cost = 1) {
    return this.allowAll([key], now, cost);
  }

  allowAll(keys, now, cost = 1) {
    this.forgetFull(now);
    const distinct = [...new Set(keys)];
    const held = distinct.map((key) => this.held(key, now));
    if (held.some(([tokens]) => tokens < cost)) return false;
    distinct.forEach((key, i) => {
      const [tokens, capacity, rate] = held[i];
      const b = this.buckets.get(key);
      if (b !== undefined) {
        b.tokens = tokens - cost;
        b.last = now;
      } else {
        const fresh = { tokens: tokens - cost, last: now, capacity, rate, n: this.count++ };
        this.buckets.set(key, fresh);
        this.due.push([KeyedLimiter.fullAt(fresh), fresh.n, key]);
      }
    });
    return true;
  }

  retryAfter(keys, now, cost = 1) {
    let wait = 0;
    for (const key of keys) {
      const [tokens, capacity, rate] = this.held(key, now);
      if (cost > capacity) return null;
      wait = Math.max(wait, (cost - tokens) / rate);
    }
    return wait;
  }

  tracked(now) {
    this.forgetFull(now);
    return this.buckets.size;
  }
}

module.exports = { TokenBucket, KeyedLimiter };
