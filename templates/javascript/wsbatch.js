// wsbatch: WebSocket fan-out with per-connection batching and subscriptions.
//
// Read the spec with `judge show wsbatch`; judge this file with `judge run wsbatch wsbatch.js`.

class Batcher {
  /**
   * A connection's batch is due intervalMs after its first buffered message.
   * @param {number} intervalMs
   */
  constructor(intervalMs) {
    throw new Error("todo");
  }

  /**
   * Messages published on symbol from now on are buffered for connId (twice = once).
   * @param {number} connId
   * @param {string} symbol
   * @returns {void}
   */
  subscribe(connId, symbol) {
    throw new Error("todo");
  }

  /**
   * Later messages on symbol no longer reach connId; what is already buffered stays.
   * @param {number} connId
   * @param {string} symbol
   * @returns {void}
   */
  unsubscribe(connId, symbol) {
    throw new Error("todo");
  }

  /**
   * Buffer message for every connection subscribed to symbol right now.
   * The first message buffered for a connection opens its batch at t0 = nowMs.
   * @param {number} nowMs
   * @param {string} symbol
   * @param {string} message
   * @returns {void}
   */
  publish(nowMs, symbol, message) {
    throw new Error("todo");
  }

  /**
   * [connId, messages in publish order] for every batch with nowMs >= t0 + intervalMs, ordered by
   * connId; those batches are emptied. Example: [[1, ["b1", "b2"]], [4, ["e1"]]]
   * @param {number} nowMs
   * @returns {Array<[number, string[]]>}
   */
  flush(nowMs) {
    throw new Error("todo");
  }
}

module.exports = { Batcher };
