// Complexity failed: every price is kept and the average is recomputed from the first one on each
// update: right answers, O(n) time and memory per update.

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.prices = [];
  }

  update(price) {
    this.prices.push(price);
    let ema = this.prices[0];
    for (let i = 1; i < this.prices.length; i++) ema = this.prices[i] * this.k + ema * (1 - this.k);
    return ema;
  }
}

module.exports = { EMA };
