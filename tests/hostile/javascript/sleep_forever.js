// Sleeps for ever inside a method: wall time passes, CPU time does not.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

class OrderBook {
  submit(orderId, side, price, quantity) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
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
