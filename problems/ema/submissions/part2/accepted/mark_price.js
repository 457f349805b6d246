// Accepted: the part-1 EMA reused for the basis; the latest quote per exchange in a Map.

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
    this.weights = new Map(Object.entries(weights).filter(([, w]) => w > 0));
    this.staleMs = staleMs;
    this.quotes = new Map(); // exchange -> [time, price]
    this.basis = new EMA(period);
  }

  spot(nowMs, exchange, price) {
    if (this.weights.has(exchange)) this.quotes.set(exchange, [nowMs, price]);
  }

  index(nowMs) {
    let num = 0;
    let den = 0;
    for (const [exchange, [t, price]] of this.quotes) {
      if (nowMs - t > this.staleMs) continue;
      const w = this.weights.get(exchange);
      num += w * price;
      den += w;
    }
    return den > 0 ? num / den : null;
  }

  perp(nowMs, price) {
    const index = this.index(nowMs);
    if (index === null) return null;
    return index + this.basis.update(price - index);
  }
}

module.exports = { EMA, MarkPrice };
