// Walks up its ancestors and SIGKILLs the parent and the grandparent: the judge, if it can see it.
const fs = require("node:fs");

const TOKEN = "__TOKEN__"; // the test puts a unique name here, to find leftover processes by
fs.writeFileSync("/proc/self/comm", TOKEN);

function parentOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

let pid = process.pid;
for (let i = 0; i < 2; i++) {
  pid = parentOf(pid);
  if (pid <= 1) break;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // not allowed: contained
  }
}
throw new Error("still here");
