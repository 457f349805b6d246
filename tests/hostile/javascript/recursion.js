// Recurses without end inside a method.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

function down(n) {
  return down(n + 1) + 1;
}

class OrderBook {
  submit(orderId, side, price, quantity) {
    return down(0);
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
