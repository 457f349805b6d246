// Wrong answer: `if (!this.last)` treats a previous call at time 0 as "no call yet", so the call after
// it refills nothing (0 is falsy in JavaScript; compare with null).

class TokenBucket {
  constructor(capacity, refillPerSec) {
    this.capacity = capacity;
    this.rate = refillPerSec;
    this.tokens = capacity;
    this.last = 0;
  }

  allow(now, cost = 1) {
    if (!this.last) {
      this.last = now; // the first call... or any call after one at time 0
    }
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.rate);
    this.last = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }
}

module.exports = { TokenBucket };
