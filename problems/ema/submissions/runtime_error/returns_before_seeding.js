// Runtime error: the first update calls toFixed on the average before any price seeded it.

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.ema = null;
  }

  update(price) {
    const previous = Number(this.ema.toFixed(12)); // TypeError: this.ema is null on the first update
    this.ema = price * this.k + previous * (1 - this.k);
    return this.ema;
  }
}

module.exports = { EMA };
