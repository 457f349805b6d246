// Reference in JavaScript: a token bucket refilled lazily, on each call, from the previous call's time.
// Three numbers of state: allow is O(1) time and memory. Fractional tokens count; the bucket is full at
// the first call, whatever its `now`.

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.tokens = capacity;
    this.last = null; // time of the previous call; null until the first (0 is a valid time)
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
    return false; // a rejected request takes nothing
  }
}

module.exports = { TokenBucket };
