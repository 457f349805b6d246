// Complexity failed: right answers, but every call is kept in a log and the bucket is replayed from
// the start on each call: O(n) time per call and O(n) memory.

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.log = []; // [now, cost] of every call
  }

  allow(now, cost = 1) {
    this.log.push([now, cost]);
    let tokens = this.capacity;
    let last = null;
    let allowed = false;
    for (const [t, c] of this.log) {
      if (last !== null) tokens = Math.min(this.capacity, tokens + (t - last) * this.rate);
      last = t;
      allowed = tokens >= c;
      if (allowed) tokens -= c;
    }
    return allowed;
  }
}

module.exports = { TokenBucket };
