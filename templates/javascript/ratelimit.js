// ratelimit: a token-bucket rate limiter.
//
// Read the spec with `judge show ratelimit`; judge this file with `judge run ratelimit ratelimit.js`.

class TokenBucket {
  /**
   * A bucket of at most `capacity` tokens, full at the first call, refilled continuously at
   * `refillPerSec` tokens per second.
   * @param {number} capacity
   * @param {number} refillPerSec
   */
  constructor(capacity, refillPerSec) {
    throw new Error("todo");
  }

  /**
   * At time `now` (seconds, never decreasing): if at least `cost` tokens are in the bucket, take
   * them and return true; otherwise take nothing and return false. O(1) time and memory.
   * @param {number} now
   * @param {number} [cost=1]
   * @returns {boolean}
   */
  allow(now, cost = 1) {
    throw new Error("todo");
  }
}

module.exports = { TokenBucket };
