// Closes every file descriptor, the protocol pipes among them, while being loaded.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

for (let fd = 0; fd < 256; fd++) {
  try {
    fs.closeSync(fd);
  } catch {
    // not open
  }
}

class OrderBook {
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
