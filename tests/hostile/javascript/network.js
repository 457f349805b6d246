// Opens a TCP connection to a port the judge's host listens on, at 127.0.0.1 (in a call, whose
// returned promise the harness awaits).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const net = require("node:net");

class OrderBook {
  submit(orderId, side, price, quantity) {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number("__PORT__"), "127.0.0.1", () => {
        socket.end(TOKEN);
        console.log("LEAK connected to the host's loopback");
        reject(new Error("connected"));
      });
      socket.on("error", (error) => reject(new Error(`no network: ${error.message}`)));
      socket.setTimeout(1000, () => reject(new Error("no network: timed out")));
    });
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
