// Reference in JavaScript: the EMA kept as one number, seeded by the first price. O(1) time and memory.

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.ema = null; // no price yet
  }

  update(price) {
    this.ema = this.ema === null ? price : price * this.k + this.ema * (1 - this.k);
    return this.ema;
  }
}

module.exports = { EMA };
