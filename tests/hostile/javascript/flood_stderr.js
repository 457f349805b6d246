// Writes without end on stderr (the raw file descriptor) inside a method.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

class OrderBook {
  submit(orderId, side, price, quantity) {
    for (;;) fs.writeSync(2, Buffer.alloc(65536, "E"));
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
