// Accepted: CommonJS exporting the class itself (module.exports = TokenBucket), lazy refill.

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.refillPerSec = refillPerSec;
    this.tokens = capacity;
    this.lastRefill = undefined;
  }

  refill(now) {
    if (this.lastRefill !== undefined) {
      const elapsed = now - this.lastRefill;
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSec);
    }
    this.lastRefill = now;
  }

  allow(now, cost = 1) {
    this.refill(now);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

module.exports = TokenBucket;
