// Wrong answer: k = 1 / period, the smoothing factor of a Wilder average, not 2 / (period + 1).

class EMA {
  constructor(period) {
    this.k = 1 / period;
    this.ema = undefined;
  }

  update(price) {
    this.ema = this.ema === undefined ? price : price * this.k + this.ema * (1 - this.k);
    return this.ema;
  }
}

module.exports = { EMA };
