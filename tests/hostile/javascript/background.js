// Starts processes meant to outlive the run, holding the output pipes open: a detached
// child in a new session and a plain child.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const cp = require("node:child_process");

const LINGER = "setInterval(() => {}, 200)";
cp.spawn(process.execPath, ["-e", LINGER, TOKEN], { detached: true, stdio: ["ignore", "inherit", "inherit"] }).unref();
cp.spawn(process.execPath, ["-e", LINGER, TOKEN], { stdio: ["ignore", "inherit", "inherit"] }).unref();

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
