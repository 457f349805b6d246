// Opens the host's kernel settings for writing (/proc/sys/kernel/core_pattern and friends):
// as the host's uid 0 these open; the sandbox must not be that. Opens only: never writes a value.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

// The marker the test looks for, kept off the line that throws: a traceback quotes that line.
const MARK = "WROTE";
const opened = [];
const refused = [];
for (const name of ["kernel/core_pattern", "kernel/modprobe", "kernel/panic", "vm/drop_caches", "fs/file-max",
  "vm/swappiness"]) {
  let fd;
  try {
    fd = fs.openSync(`/proc/sys/${name}`, fs.constants.O_WRONLY);
  } catch (error) {
    refused.push(`${name}: ${error.code}`);
    continue;
  }
  fs.closeSync(fd);
  opened.push(name);
  console.log(`WROTE /proc/sys/${name} opened for writing`);
}
throw new Error(`${opened.length ? `${MARK} ` : ""}opened: ${opened}; refused: ${refused}`);
