// Wrong answer: the average is rounded to cents after every update, and the rounded value is what the
// next update builds on: the error compounds. Round only what you display.

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.ema = null;
  }

  update(price) {
    const next = this.ema === null ? price : price * this.k + this.ema * (1 - this.k);
    this.ema = Math.round(next * 100) / 100;
    return this.ema;
  }
}

module.exports = { EMA };
