// Accepted: an ES module with a default export, private fields and a getter.

export default class TokenBucket {
  #capacity;
  #rate;
  #tokens;
  #last = null;

  constructor(capacity, refillPerSec) {
    this.#capacity = capacity;
    this.#rate = refillPerSec;
    this.#tokens = capacity;
  }

  get tokens() {
    return this.#tokens;
  }

  allow(now, cost = 1) {
    if (this.#last !== null) {
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#rate);
    }
    this.#last = now;
    if (this.#tokens >= cost) {
      this.#tokens -= cost;
      return true;
    }
    return false;
  }
}
