// Tries to write outside the sandbox's scratch space: a user's directory, HOME, the problem
// packages, /tmp (the host's, unless the sandbox has its own), and the harness's directory.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const path = require("node:path");

// Not marked: /tmp, which is the sandbox's own (a breach only if it is the host's: the test checks).
fs.writeFileSync(`/tmp/pwned-${TOKEN}`, "pwned");
const targets = {
  "a user's directory": "__HOST_DIR__",
  HOME: "__HOME_DIR__",
  "the problem packages": "__PROBLEMS_DIR__/orderbook",
  "the harness's directory": path.dirname(process.argv[1]),
};
const wrote = [];
for (const [label, directory] of Object.entries(targets)) {
  try {
    fs.writeFileSync(path.join(directory, `pwned-${TOKEN}`), "pwned");
  } catch {
    continue;
  }
  wrote.push(label);
  console.log(`WROTE ${label}: ${directory}`);
}
throw new Error(`wrote into: ${JSON.stringify(wrote)}`);
