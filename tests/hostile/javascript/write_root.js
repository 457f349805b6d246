// Writes into the sandbox's own filesystem outside /tmp: /, /dev, /dev/shm, /sandbox, /judge, /usr.
// bwrap's root is a tmpfs in RAM that no size limit covers. Removes what it wrote (where it could).
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

// The marker the test looks for, kept off the line that throws: a traceback quotes that line.
const MARK = "WROTE";
const wrote = [];
const refused = [];
for (const directory of ["/", "/dev", "/dev/shm", "/sandbox", "/judge", "/usr", "/proc"]) {
  const file = `${directory === "/" ? "" : directory}/pwned-${TOKEN}`;
  try {
    fs.writeFileSync(file, "x".repeat(4096));
  } catch (error) {
    refused.push(`${directory}: ${error.code}`);
    continue;
  }
  fs.unlinkSync(file);
  wrote.push(directory);
  console.log(`WROTE ${directory}`);
}
throw new Error(`${wrote.length ? `${MARK} ` : ""}wrote into: ${wrote}; refused: ${refused}`);
