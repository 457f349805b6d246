// Signals its parent process (SIGTERM, then SIGKILL).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

for (const signal of ["SIGTERM", "SIGKILL"]) {
  try {
    process.kill(process.ppid, signal);
  } catch {
    // not allowed: contained
  }
}
throw new Error(`signalled ${process.ppid}`);
