// One huge allocation, far over any memory limit.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

class OrderBook {
  constructor() {
    this.blob = new ArrayBuffer(64 * 1024 ** 3);
  }

  submit(orderId, side, price, quantity) {
    return [];
  }

  cancel(orderId) {
    return false;
  }

  bestBid() {
    return null;
  }

  bestAsk() {
    return null;
  }

  depth(side, levels) {
    return [];
  }
}
