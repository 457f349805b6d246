// ema: a streaming exponential moving average.
//
// Read the spec with `judge show ema`; judge this file with `judge run ema ema.js`.

class EMA {
  /**
   * An EMA over `period` prices: smoothing factor k = 2 / (period + 1).
   * @param {number} period
   */
  constructor(period) {
    throw new Error("todo");
  }

  /**
   * Add one price and return the new average: the price itself on the first update, then
   * price * k + previous * (1 - k). O(1) time and memory, whatever came before.
   * @param {number} price
   * @returns {number}
   */
  update(price) {
    throw new Error("todo");
  }
}

module.exports = { EMA };
