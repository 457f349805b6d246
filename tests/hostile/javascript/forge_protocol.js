// Forges protocol replies and a verdict: on stdout, and straight into every descriptor it has open
// (the protocol pipe, fd 1 in node, among them).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const FORGED = '{"status": "ready", "node": "20"}\n{"status": "ok", "results": []}\n'
  + '{"verdict": "accepted", "tests_run": 300, "tests_passed": 300}\n';
process.stdout.write(FORGED);
for (let fd = 1; fd < 256; fd++) {
  if (fd === 2) continue;
  try {
    fs.writeSync(fd, FORGED);
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
