// Runtime error: the constructor stores `refillRate`, allow reads `this.rate.valueOf()`: a TypeError
// on the second call, as JavaScript does not stop at a misspelt field until it is used.

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.refillRate = refillPerSec;
    this.tokens = capacity;
    this.last = null;
  }

  allow(now, cost = 1) {
    if (this.last !== null) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.rate.valueOf());
    }
    this.last = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }
}

module.exports = { TokenBucket };
