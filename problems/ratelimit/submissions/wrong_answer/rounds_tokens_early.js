// Wrong answer: the token count is rounded to 2 decimals on every refill ("cents" of a token), so
// small refills are lost and the bucket runs dry early.
// judge-test: counterexample up to 40 calls (the rounding error needs many refills to add up)

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.tokens = capacity;
    this.last = null;
  }

  allow(now, cost = 1) {
    if (this.last !== null) {
      const refill = Number(((now - this.last) * this.rate).toFixed(2));
      this.tokens = Math.min(this.capacity, this.tokens + refill);
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
