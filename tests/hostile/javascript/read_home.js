// Tries to read the user's home directory (the judge's HOME, with a canary file in it).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

const os = require("node:os");

const found = [];
for (const file of ["__HOME_DIR__/.secret-canary", `${os.homedir()}/.secret-canary`]) {
  try {
    console.log(`LEAK ${file}: ${fs.readFileSync(file, "utf8").slice(0, 80)}`);
    found.push(file);
  } catch {
    // not visible: contained
  }
}
try {
  console.log(`LEAK listing of HOME: ${fs.readdirSync("__HOME_DIR__")}`);
  found.push("listing");
} catch {
  // not visible: contained
}
throw new Error(`read: ${JSON.stringify(found)}`);
