// orderbook: a limit order book with price-time priority matching.
//
// Read the spec with `judge show orderbook`; judge this file with `judge run orderbook orderbook.js`.

class OrderBook {
  constructor() {
    throw new Error("todo");
  }

  /**
   * Place a limit order ("buy" or "sell"); return the trades as
   * [makerOrderId, takerOrderId, price, quantity] in execution order.
   * @param {number} orderId
   * @param {"buy" | "sell"} side
   * @param {number} price
   * @param {number} quantity
   * @returns {Array<[number, number, number, number]>}
   */
  submit(orderId, side, price, quantity) {
    throw new Error("todo");
  }

  /**
   * Remove a resting order: true if it was resting, false otherwise.
   * @param {number} orderId
   * @returns {boolean}
   */
  cancel(orderId) {
    throw new Error("todo");
  }

  /** @returns {number | null} */
  bestBid() {
    throw new Error("todo");
  }

  /** @returns {number | null} */
  bestAsk() {
    throw new Error("todo");
  }

  /**
   * Up to `levels` [price, total resting quantity] pairs for `side`, best price first.
   * @param {"buy" | "sell"} side
   * @param {number} levels
   * @returns {Array<[number, number]>}
   */
  depth(side, levels) {
    throw new Error("todo");
  }
}

module.exports = { OrderBook };
