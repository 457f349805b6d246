// Accepted: parts 1-3 in JavaScript; TimeEMA keeps the held price, the value and the time of the
// last tick, and decays with Math.exp(-gap / tau).

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.ema = null;
  }

  update(price) {
    this.ema = this.ema === null ? price : price * this.k + this.ema * (1 - this.k);
    return this.ema;
  }
}

class MarkPrice {
  constructor(period, weights, staleMs) {
    this.weights = weights;
    this.staleMs = staleMs;
    this.quotes = {}; // exchange -> { t, price }
    this.basis = new EMA(period);
  }

  spot(nowMs, exchange, price) {
    if ((this.weights[exchange] ?? 0) > 0) this.quotes[exchange] = { t: nowMs, price };
  }

  index(nowMs) {
    let num = 0;
    let den = 0;
    for (const [exchange, { t, price }] of Object.entries(this.quotes)) {
      if (nowMs - t <= this.staleMs) {
        num += this.weights[exchange] * price;
        den += this.weights[exchange];
      }
    }
    return den > 0 ? num / den : null;
  }

  perp(nowMs, price) {
    const index = this.index(nowMs);
    return index === null ? null : index + this.basis.update(price - index);
  }
}

class TimeEMA {
  constructor(tauMs) {
    this.tau = tauMs;
    this.held = null;
    this.last = 0;
    this.at = 0;
  }

  value(nowMs) {
    if (this.held === null) return null;
    return this.held + (this.last - this.held) * Math.exp(-(nowMs - this.at) / this.tau);
  }

  update(nowMs, price) {
    const now = this.value(nowMs);
    this.last = now === null ? price : now;
    this.held = price;
    this.at = nowMs;
    return this.last;
  }
}

module.exports = { EMA, MarkPrice, TimeEMA };
