// Prints without end on stdout (console.log) while being loaded.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

for (;;) console.log("spam ".repeat(800));
