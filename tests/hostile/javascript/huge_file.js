// Writes one file without end, in its working directory (the sandbox's scratch space).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const fd = fs.openSync(`big-${TOKEN}.bin`, "w");
const chunk = Buffer.alloc(1024 * 1024);
for (;;) fs.writeSync(fd, chunk);
