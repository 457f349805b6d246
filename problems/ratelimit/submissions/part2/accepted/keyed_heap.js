// Accepted: part 1's bucket, and a limiter that keeps only buckets not full, with a binary min-heap
// of [fullAt, key] (one entry per stored bucket, pushed again when found early).

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
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.buckets = new Map(); // key -> {tokens, last}: only buckets not full
    this.due = new MinHeap();
  }

  fullAt(bucket) {
    return bucket.last + (this.capacity - bucket.tokens) / this.rate;
  }

  forgetFull(now) {
    while (this.due.size > 0 && this.due.top()[0] <= now) {
      const [, key] = this.due.pop();
      const at = this.fullAt(this.buckets.get(key));
      if (at <= now) this.buckets.delete(key);
      else this.due.push([at, key]);
    }
  }

  allow(key, now, cost = 1) {
    this.forgetFull(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket === undefined
      ? this.capacity
      : Math.min(this.capacity, bucket.tokens + (now - bucket.last) * this.rate);
    if (tokens < cost) return false;
    if (bucket === undefined) {
      const fresh = { tokens: tokens - cost, last: now };
      this.buckets.set(key, fresh);
      this.due.push([this.fullAt(fresh), key]);
    } else {
      bucket.tokens = tokens - cost;
      bucket.last = now;
    }
    return true;
  }

  tracked(now) {
    this.forgetFull(now);
    return this.buckets.size;
  }
}

module.exports = { TokenBucket, KeyedLimiter };
