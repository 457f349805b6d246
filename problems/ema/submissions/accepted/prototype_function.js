// Accepted: the pre-ES2015 style, a constructor function with a method on its prototype, exported
// with `exports.EMA = EMA`.

function EMA(period) {
  this.alpha = 2 / (period + 1);
  this.seeded = false;
  this.ema = 0;
}

EMA.prototype.update = function update(price) {
  if (!this.seeded) {
    this.seeded = true;
    this.ema = price;
  } else {
    this.ema += this.alpha * (price - this.ema);
  }
  return this.ema;
};

exports.EMA = EMA;
