// The JavaScript harness: the only judge code that runs inside the sandbox next to a .js submission.
//
// Node built-ins only. It mirrors judge/harness.py and speaks docs/protocol.md: it loads the
// submission (CommonJS, an ES module, or plain top-level declarations with no export at all), then
// answers the judge's requests. It never decides a verdict: it reports raw results and timings.
//
// Requests are read with a blocking read on fd 0, so while the harness waits for the judge the event
// loop does not turn: a timer or a promise callback the solution left behind cannot run between two
// requests. The loop turns only inside a call whose result is a promise (awaited, with the judge's
// call limit as the bound), and while an ES module loads.
//
// The submission runs in this process, so nothing here is secret from it: process.stdout and
// console write to fd 2 (the user's output, capped by the judge), and every reply echoes the
// request's id, so a line the solution writes into fd 1 itself is caught as a forgery.

import fs from "node:fs";
import nodeModule, { createRequire } from "node:module";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

import * as protocol from "./protocol.mjs";

const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
// What tracebacks call the file, as the Python harness says solution.py: solution.ts for TypeScript.
let SHOWN_NAME = "solution.js";
const TYPESCRIPT = /\.[cm]?ts$/i;
const TYPESCRIPT_MIN = "22.13"; // the first node with module.stripTypeScriptTypes (judge/languages/typescript.py)
const CJS_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// What V8 says when a file that must be an ES module is compiled as a script.
const ESM_ONLY = [
  "Cannot use import statement outside a module",
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
  "await is only valid in async functions and the top level bodies of modules",
];

// Bound before the submission loads, so that replacing them from inside does not reach the harness.
const hrtime = process.hrtime.bigint;
const wallNow = Date.now;
const memoryUsage = process.memoryUsage;
const collect = typeof globalThis.gc === "function" ? globalThis.gc : () => {};
const reallyExit = process.reallyExit.bind(process);
const realSetInterval = setInterval;
const realClearInterval = clearInterval;

// -- the process the solution sees ------------------------------------------------------------------

/** The solution's stdout and stderr: synchronous writes to fd 2, so output never waits for the
 * event loop (which does not turn between requests) and never reaches the protocol pipe. */
function userOutput() {
  const stream = new Writable({
    decodeStrings: true,
    write(chunk, _encoding, callback) {
      protocol.writeAll(2, chunk);
      callback();
    },
  });
  Object.assign(stream, { fd: 2, isTTY: false });
  return stream;
}

function takeOverStdio() {
  const out = userOutput();
  const input = new Readable({ read() { this.push(null); } });
  // Node creates process.stdout lazily, and the global console binds to it on first use: both are
  // redefined before anything prints, so console.log lands on fd 2 with process.stdout.write.
  for (const [name, stream] of [["stdout", out], ["stderr", out], ["stdin", input]]) {
    Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => stream });
  }
}

class ProcessExit extends Error {
  constructor(code) {
    super(`process.exit(${code === undefined ? "" : code}) was called: a solution returns its answers, `
      + "it must not end the process");
    this.name = "ProcessExit";
  }
}

function forbidExit() {
  const exit = (code) => {
    throw new ProcessExit(code);
  };
  process.exit = exit;
  process.reallyExit = exit;
}

// A promise the harness is awaiting fails with an error thrown where nothing can catch it (a timer
// callback, a rejected promise nobody handles): it is that call's error, as it would crash `node`.
let failPending = null;

function onStray(error) {
  if (failPending) {
    failPending(error);
    return;
  }
  try {
    protocol.writeAll(2, Buffer.from(`Uncaught ${userTraceback(error)}\n`));
  } catch {
    // Nothing more can be done about output that cannot be written.
  }
}

// -- errors -------------------------------------------------------------------------------------------

let submission = "";
let sourceLines = [];

function errorType(error) {
  if (error === null || (typeof error !== "object" && typeof error !== "function")) {
    return `thrown ${error === null ? "null" : typeof error}`;
  }
  try {
    const name = typeof error.name === "string" ? error.name : "";
    const ctor = error.constructor && typeof error.constructor.name === "string" ? error.constructor.name : "";
    // `class ValueError extends Error {}` keeps name "Error": the class's own name says more.
    if (name && name !== "Error") return name;
    return ctor || name || "Error";
  } catch {
    return "Error";
  }
}

function errorMessage(error) {
  try {
    if (error !== null && typeof error === "object" && "message" in error) return String(error.message).slice(0, 2000);
    return String(error).slice(0, 2000);
  } catch {
    return "<unprintable>";
  }
}

function shown(text) {
  if (!submission) return text;
  const url = pathToFileURL(submission).href;
  return text.split(url).join(SHOWN_NAME).split(submission).join(SHOWN_NAME);
}

/** The stack as the user would see it running their own file: the solution's frames only, headed by
 * the line that threw and a caret, as `node solution.js` prints an uncaught error. */
function userTraceback(error) {
  let stack = "";
  try {
    stack = error !== null && typeof error === "object" && typeof error.stack === "string" ? error.stack : "";
  } catch {
    stack = "";
  }
  if (!stack) {
    let text;
    try {
      text = typeof error === "string" ? JSON.stringify(error) : String(error);
    } catch {
      text = "<unprintable>";
    }
    return `${errorType(error)}: ${text}\n(a thrown ${typeof error} has no stack trace: throw new Error(...) to get one)`;
  }
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame)
    .filter((line) => !line.includes(HARNESS_DIR) && !line.includes("node:internal") && !line.includes("node:vm"));
  let excerpt = "";
  for (const frame of frames) {
    const match = submission ? frame.match(/:(\d+):(\d+)\)?$/) : null;
    if (match && frame.includes(submission)) {
      const lineNo = Number(match[1]);
      const column = Number(match[2]);
      const source = sourceLines[lineNo - 1];
      if (source !== undefined) excerpt = `${SHOWN_NAME}:${lineNo}\n${source}\n${" ".repeat(Math.max(0, column - 1))}^\n\n`;
      break;
    }
  }
  // `class ValueError extends Error {}` keeps the name "Error" in its stack: say which error it was.
  const type = errorType(error);
  if (head.length && head[0].startsWith("Error") && type !== "Error" && !head[0].startsWith(type)) {
    head[0] = type + head[0].slice("Error".length);
  }
  return shown(excerpt + [...head, ...frames].join("\n")).slice(-8000);
}

function errorResult(error) {
  if (isMemory(error)) throw error; // the memory limit, named by the judge: main answers "memory"
  const result = { ok: false, error_type: errorType(error), error: errorMessage(error), traceback: userTraceback(error) };
  let code = "";
  try {
    code = error !== null && typeof error === "object" ? String(error.code) : "";
  } catch {
    code = "";
  }
  if (code === "EFBIG") result.limit = "file_size"; // RLIMIT_FSIZE: the judge names the limit
  return result;
}

function isMemory(error) {
  return error instanceof RangeError && /allocation failed|out of memory/i.test(errorMessage(error));
}

// -- loading ------------------------------------------------------------------------------------------

function compileError(error) {
  let stack = "";
  try {
    stack = String(error.stack || error);
  } catch {
    stack = String(error);
  }
  const text = stack.split(/\n\s+at /)[0];
  return { status: "compile_error", error: shown(text).trim().slice(-4000) };
}

function decodeSource(bytes) {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0 && !bytes.includes(Buffer.from("\uFFFD"))) {
    const line = text.slice(0, bad).split("\n").length;
    throw new SyntaxError(`the file is not valid UTF-8 (line ${line}): save it as UTF-8`);
  }
  // A #! line is valid at the top of a script, not of a function body: keep the line, lose the text.
  return text.startsWith("#!") ? `//${text.slice(2)}` : text;
}

/** Code appended to the solution that hands back its top-level bindings by name: a class or function
 * declared at top level with no export (as interview notes write them) is found like an export. */
function lookupCode(names) {
  const cases = names.filter((n) => IDENTIFIER.test(n))
    .map((n) => `case ${JSON.stringify(n)}: try { return ${n}; } catch (e) { return undefined; }`).join(" ");
  return `(function (name) { switch (name) { ${cases} } return undefined; })`;
}

/** Where an ES module's syntax error is: import() reports no position, so the module is compiled
 * again as an async function body with its import/export syntax blanked out (same lines and
 * columns), which V8 does locate. Null where that compiles: then only the message is known. */
function locateModuleError(text) {
  const blank = (s) => s.replace(/[^\n]/g, " ");
  const located = text
    .replace(/^[ \t]*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'])[^"'\n]*\1[ \t]*;?/gm, blank)
    .replace(/^[ \t]*export\s*(?:\*(?:\s*as\s+[\w$]+)?\s*from\s*(["'])[^"'\n]*\1|\{[^}]*\}(?:\s*from\s*(["'])[^"'\n]*\2)?)[ \t]*;?/gm, blank)
    .replace(/\bexport\s+default\b/g, (m) => `void${" ".repeat(m.length - 4)}`)
    .replace(/\bexport(\s+)(?=(?:async\s+)?function|class|const|let|var)/g, (m) => " ".repeat(m.length))
    .replace(/\bimport\.meta\b/g, "globalThis ");
  try {
    new vm.Script(`(async function () { "use strict";\n${located}\n})`, { filename: submission });
  } catch (error) {
    if (!(error instanceof SyntaxError)) return null;
    // The wrapper's first line shifts every line by one.
    return String(error.stack).replace(/^(.*):(\d+)\n/, (_m, file, line) => `${file}:${Number(line) - 1}\n`);
  }
  return null;
}

/** A TypeScript file as the JavaScript node runs: its types replaced by spaces (node's own type
 * stripping), so every line and column stays where the user wrote it. A compile_error reply where
 * the file uses what stripping cannot erase (an enum, a namespace) or node has no stripping. */
function stripTypes(text) {
  const strip = nodeModule.stripTypeScriptTypes;
  if (typeof strip !== "function") {
    return { status: "compile_error", error: `TypeScript needs Node >= ${TYPESCRIPT_MIN} (its type stripping); `
      + `this sandbox runs node ${process.versions.node}: judge the file as JavaScript, or install a newer node` };
  }
  try {
    return strip(text, { mode: "strip" });
  } catch (error) {
    const what = error && error.code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX"
      ? "TypeScript that type stripping cannot erase (node runs TypeScript by removing the types only)"
      : "SyntaxError";
    return compileError({ stack: `${SHOWN_NAME} (TypeScript)\n\n${what}: ${errorMessage(error)}` });
  }
}

class Harness {
  constructor() {
    this.entry = {};
    this.find = () => undefined;
    this.candidates = [];
    this.instance = null;
    this.instanceName = ""; // the variable a pasted case calls it by, for error messages
    this.classes = new Map(); // what "new" and "new:Name" may construct, checked at load
    this.functions = {};
    this.states = new Map(); // measure slots: one live instance per size
    this.yardsticks = new Map();
    this.tables = new Map();
  }

  load(request) {
    submission = request.path;
    this.entry = request.entry;
    let text;
    try {
      text = decodeSource(fs.readFileSync(submission));
    } catch (error) {
      return compileError(error);
    }
    sourceLines = text.split("\n");
    if (TYPESCRIPT.test(submission)) {
      SHOWN_NAME = "solution.ts";
      const stripped = stripTypes(text);
      if (typeof stripped !== "string") return stripped;
      text = stripped;
    }
    const names = [...(this.entry.kind === "class" ? [this.entry.name] : this.entry.functions || []),
      ...entryClasses(this.entry).map((c) => c.name)];
    this.candidates = [...new Set([...text.matchAll(/\b(?:class|function\*?|const|let|var)\s+([A-Za-z_$][\w$]*)/g)]
      .map((m) => m[1]))];
    let compiled;
    try {
      compiled = vm.compileFunction(`${text}\n;return ${lookupCode(names)};`, CJS_PARAMS, { filename: submission });
    } catch (error) {
      let original = error;
      try {
        vm.compileFunction(text, CJS_PARAMS, { filename: submission }); // the error without our lines
      } catch (own) {
        original = own;
      }
      if (original instanceof SyntaxError && ESM_ONLY.some((sign) => errorMessage(original).includes(sign))) {
        return this.loadModule(text, names);
      }
      return compileError(original);
    }
    const module = { exports: {}, id: ".", filename: submission, loaded: false, children: [], paths: [] };
    let lookup;
    try {
      lookup = compiled.call(module.exports, module.exports, createRequire(submission), module, submission,
        path.dirname(submission));
    } catch (error) {
      if (isMemory(error)) throw error;
      return { status: "import_error", ...errorResult(error) };
    }
    module.loaded = true;
    return this.ready((name) => fromExports(module.exports, name) ?? (typeof lookup === "function" ? lookup(name) : undefined),
      module.exports);
  }

  async loadModule(text, names) {
    // A data: URL, since the staged file is named .js and no package.json says "module"; the
    // sourceURL comment makes its stack frames name the submission's path like a file's would.
    const code = `${text}\n;export const __judgeLookup = ${lookupCode(names)};\n//# sourceURL=${submission}\n`;
    let namespace;
    // A top-level await that never settles leaves nothing in the event loop: node would exit. Kept
    // alive, it waits for the judge's load limit instead, like an endless loop at import time.
    const keepAlive = realSetInterval(() => {}, 1 << 30);
    try {
      namespace = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
    } catch (error) {
      if (isMemory(error)) throw error;
      const parseError = error instanceof SyntaxError && !String(error.stack).includes(submission);
      if (parseError) {
        const located = locateModuleError(text);
        if (located && located.includes(errorMessage(error))) return compileError({ stack: located });
        return compileError({ stack: `${SHOWN_NAME} (an ES module)\n\nSyntaxError: ${errorMessage(error)}` });
      }
      return { status: "import_error", ...errorResult(error) };
    } finally {
      realClearInterval(keepAlive);
    }
    const exports = { ...namespace };
    delete exports.__judgeLookup;
    return this.ready((name) => fromExports(exports, name) ?? namespace.__judgeLookup(name), exports);
  }

  ready(find, exports) {
    this.find = find;
    try {
      this.candidates = [...new Set([...Object.keys(Object(exports)), ...this.candidates])];
    } catch {
      // exports with a throwing getter: the declared names are candidates enough
    }
    const missing = this.missingEntryPoints();
    if (missing) return { status: "compile_error", error: missing };
    return { status: "ready", node: process.versions.node };
  }

  /** The first entry point the file lacks, in words with a did-you-mean; null when all are there.
   * The entry class (kind "class"), then the functions, then each class a part adds (`classes`). */
  missingEntryPoints() {
    const entry = this.entry;
    this.classes = new Map();
    const wanted = [];
    if (entry.kind === "class") {
      wanted.push({ name: entry.name, methods: entry.methods || [], instance: entry.instance });
    } else {
      for (const name of entry.functions || []) {
        const fn = this.find(name);
        if (typeof fn !== "function") return missingText("function", name, this.candidates);
        this.functions[name] = fn;
      }
    }
    for (const declared of [...wanted, ...entryClasses(entry)]) {
      const missing = this.missingClass(declared);
      if (missing) return missing;
    }
    return null;
  }

  missingClass({ name, methods, instance }) {
    const cls = this.find(name);
    if (typeof cls !== "function") return missingText("class", name, this.candidates);
    for (const method of methods || []) {
      if (typeof protoMember(cls, method) === "function") continue;
      // A method may be a class field or set in the constructor (`this.submit = ...`): only an
      // instance would show it, so the class's own text is the evidence.
      let body = "";
      try {
        body = Function.prototype.toString.call(cls);
      } catch {
        body = "";
      }
      if (new RegExp(`(^|[^\\w$.])${method.replace(/\$/g, "\\$")}\\s*=|this\\.${method.replace(/\$/g, "\\$")}\\s*=`, "m").test(body)) continue;
      return missingText(`method ${name}.`, method, memberNames(cls, body));
    }
    this.classes.set(name, { cls, instance: typeof instance === "string" ? instance : "obj" });
    return null;
  }

  // -- executing -----------------------------------------------------------------------------------
  call(name, args) {
    if (constructs(name)) {
      const className = name === "new" ? this.entry.name : name.slice("new:".length);
      const declared = this.classes.get(className);
      if (!declared) {
        throw new Error(`no class ${JSON.stringify(className)} to construct: the entry declares `
          + ([...this.classes.keys()].map((n) => JSON.stringify(n)).join(", ") || "none"));
      }
      this.instance = Reflect.construct(declared.cls, args);
      this.instanceName = declared.instance;
      return undefined;
    }
    const instance = this.instance;
    if (instance !== null && instance !== undefined) {
      const method = instance[name];
      if (typeof method !== "function") throw new TypeError(`${this.instanceName}.${name} is not a function`);
      return Reflect.apply(method, instance, args);
    }
    if (this.entry.kind === "class") throw new Error("no instance: the case must start with a 'new' step");
    const fn = this.functions[name] ?? this.find(name);
    if (typeof fn !== "function") throw new TypeError(`${name} is not a function`);
    return fn(...args);
  }

  /** One step's result; a Promise of it when the call returned a promise (then awaited). */
  step(step) {
    const name = step[0];
    let value;
    try {
      value = this.call(name, step[1].map(protocol.decodeValue));
    } catch (error) {
      return errorResult(error);
    }
    if (thenable(value)) return this.settle(value, name);
    return constructs(name) ? { ok: true, value: null } : { ok: true, value: protocol.encodeValue(value) };
  }

  async settle(promise, name) {
    // A pending promise keeps nothing alive by itself: without this, a promise that never settles
    // would let node exit; with it, it waits for the judge's call limit like an endless loop.
    const keepAlive = realSetInterval(() => {}, 1 << 30);
    try {
      const value = await new Promise((resolve, reject) => {
        failPending = reject;
        Promise.resolve(promise).then(resolve, reject);
      });
      return constructs(name) ? { ok: true, value: null } : { ok: true, value: protocol.encodeValue(value) };
    } catch (error) {
      return errorResult(error);
    } finally {
      failPending = null;
      realClearInterval(keepAlive);
    }
  }

  run(request) {
    this.instance = null; // a case starts from nothing: the previous case's object is not its state
    const results = [];
    const steps = request.steps;
    return sequence(steps.length, (i) => {
      // Node cannot interrupt a call that never returns to say which one it is (Python's harness ticks
      // a timer signal), so each call is announced as it starts: a time limit names the last one.
      protocol.writeMessage(1, { status: "busy", step: i, id: request.id });
      const result = this.step(steps[i]);
      const record = (r) => {
        results.push(r);
        return r.ok ? undefined : STOP;
      };
      return result instanceof Promise ? result.then(record) : record(result);
    }, () => ({ status: "ok", results }));
  }

  /** Grow the state with `setup`, then measure. Two request shapes: `timed`/`undo`/`repeat` (one
   * batch timed `repeat` times, undone each time), or `items` (each {prepare, timed, undo, metric},
   * or {probe: n, kind} for a yardstick at size n), optionally compressed as `packed` and run on
   * one of several live states named by `slot`, so the judge can keep a state per size and visit
   * the sizes in rounds. The reply's `cpu_ns` is this thread's CPU time for the whole request. */
  measure(request) {
    const began = cpuNs();
    if (typeof request.packed === "string") request = { ...request, ...unpack(request.packed) };
    const slot = request.slot === undefined || request.slot === null ? null : String(request.slot);
    const previous = this.instance;
    if (slot !== null) this.instance = this.states.get(slot) ?? null;
    const finish = (reply) => {
      if (slot !== null) {
        this.states.set(slot, this.instance);
        this.instance = previous;
      }
      return { ...reply, cpu_ns: cpuNs() - began };
    };
    let reply;
    try {
      reply = this.grow(request);
    } catch (error) {
      finish({});
      throw error;
    }
    return reply instanceof Promise ? reply.then(finish) : finish(reply);
  }

  grow(request) {
    const deadline = wallNow() + Number(request.budget ?? 1e9) * 1000;
    const setup = expandSteps(request.setup || []);
    let outcome = null;
    const stopOn = (result) => {
      if (!result.ok) {
        outcome = { status: "ok", error: result };
        return STOP;
      }
      return undefined;
    };
    return sequence(setup.length, (i) => {
      const result = this.step(setup[i]);
      if (result instanceof Promise) return result.then(stopOn);
      if (stopOn(result) === STOP) return STOP;
      if (i % 64 === 63 && wallNow() > deadline) {
        outcome = { status: "ok", values: [], out_of_budget: true };
        return STOP;
      }
      return undefined;
    }, () => outcome ?? (Array.isArray(request.items) ? this.items(request.items) : this.timed(request)));
  }

  items(items) {
    const values = [];
    let outcome = null;
    const check = (result) => {
      if (result.ok) return undefined;
      outcome = { status: "ok", error: result };
      return STOP;
    };
    const run = (steps) => (j) => {
      const result = this.step(steps[j]);
      return result instanceof Promise ? result.then(check) : check(result);
    };
    return sequence(items.length, (i) => {
      const item = items[i];
      if ("probe" in item) {
        const n = Math.max(0, Number(item.probe) | 0);
        const batch = Number(item.batch ?? 200) | 0;
        values.push(item.kind === "lookup" ? this.lookups(n, batch) : this.yardstick(n, batch));
        return undefined;
      }
      const prepare = expandSteps(item.prepare || []);
      const timed = expandSteps(item.timed || []);
      const undo = expandSteps(item.undo || []);
      return sequence(prepare.length, run(prepare), () => {
        if (outcome) return STOP;
        const calls = timed.map((s) => this.bind(s));
        try {
          values.push(item.metric === "memory" ? weighBatch(calls) : timeBatch(calls));
        } catch (error) {
          outcome = { status: "ok", error: errorResult(error) };
          return STOP;
        }
        return sequence(undo.length, run(undo), () => (outcome ? STOP : undefined));
      });
    }, () => outcome ?? { status: "ok", values });
  }

  timed(request) {
    const timed = (request.timed || []).map((s) => this.bind(s));
    const undo = request.undo || [];
    const weigh = request.metric === "memory";
    const values = [];
    let outcome = null;
    const repeat = Number(request.repeat ?? 5);
    return sequence(repeat, () => {
      try {
        values.push(weigh ? weighBatch(timed) : timeBatch(timed));
      } catch (error) {
        outcome = { status: "ok", error: errorResult(error) };
        return STOP;
      }
      return sequence(undo.length, (i) => {
        const result = this.step(undo[i]);
        const check = (r) => {
          if (r.ok) return undefined;
          outcome = { status: "ok", error: r };
          return STOP;
        };
        return result instanceof Promise ? result.then(check) : check(result);
      }, () => (outcome ? STOP : undefined));
    }, () => outcome ?? { status: "ok", values });
  }

  /** A timed step as a ready call: decoding and the method lookup stay outside the clock. */
  bind(step) {
    const [name, raw] = step;
    const args = raw.map(protocol.decodeValue);
    if (constructs(name)) return () => this.call(name, args);
    const owner = this.instance ?? null;
    if (owner === null && this.entry.kind === "class") {
      return () => {
        throw new Error("no instance: the case must start with a 'new' step");
      };
    }
    const fn = owner !== null ? owner[name] : this.functions[name];
    if (typeof fn !== "function") {
      return () => {
        throw new TypeError(`no callable ${JSON.stringify(name)}`);
      };
    }
    return () => Reflect.apply(fn, owner, args);
  }

  /** Seconds per insert of the cheapest O(n) step there is in JavaScript: a binary search and a
   * splice into a sorted array of n numbers. The array lives as long as the states do, so it is as
   * warm (or as cold) as they are. */
  yardstick(n, batch) {
    if (!this.yardsticks.has(n)) {
      const items = [];
      for (let i = 0; i < n; i++) items.push(2 * i);
      this.yardsticks.set(n, { items, random: mulberry32(n) });
    }
    const { items, random } = this.yardsticks.get(n);
    const keys = sample(random, n, Math.min(batch, n)).map((k) => 2 * k + 1);
    const cost = timeBatch(keys.map((k) => () => insort(items, k)));
    for (const k of keys) items.splice(lowerBound(items, k), 1);
    return cost;
  }

  /** Seconds per Map lookup at a random key among n: O(1), so its growth with n is the caches'. */
  lookups(n, batch) {
    if (!this.tables.has(n)) {
      const keys = Array.from({ length: n }, (_, i) => `k${i}`);
      this.tables.set(n, { table: new Map(keys.map((key, i) => [key, [i]])), keys, random: mulberry32(n ^ 0x5bd1e995) });
    }
    const { table, keys, random } = this.tables.get(n);
    const picked = sample(random, n, Math.min(batch, n)).map((i) => keys[i]);
    return timeBatch(picked.map((key) => () => table.get(key)));
  }

  forget() {
    // The states of every size are what fills the memory: all of them go, so a reply fits.
    this.states.clear();
    this.yardsticks.clear();
    this.tables.clear();
    this.instance = null;
    this.classes = new Map();
    this.functions = {};
    this.find = () => undefined;
    collect();
  }
}

/** This thread's CPU time in ns, from /proc/thread-self/schedstat (node has no thread clock before
 * v23.9); the process's CPU time where /proc is not there. Only for a request's total: a read costs
 * microseconds, too much inside a timed batch, which uses the monotonic clock. */
const schedstat = Buffer.alloc(128);
let schedstatFd = null;
try {
  schedstatFd = fs.openSync("/proc/thread-self/schedstat", "r");
} catch {
  schedstatFd = null;
}
const cpuUsage = process.cpuUsage;

function cpuNs() {
  if (schedstatFd !== null) {
    try {
      const n = fs.readSync(schedstatFd, schedstat, 0, schedstat.length, 0);
      return Number(schedstat.toString("latin1", 0, n).split(" ")[0]);
    } catch {
      // fall through to the process's time
    }
  }
  const usage = cpuUsage();
  return (usage.user + usage.system) * 1000;
}

function unpack(packed) {
  return JSON.parse(zlib.inflateSync(Buffer.from(packed, "base64")).toString("utf8"));
}

/** Steps as sent: a list, or {"columns": [[call, count, [column, ...]], ...]}, a run of calls to one
 * name column by column: {"k": v} (v every time), {"d": [first, delta, ...]} (integers by
 * differences) or {"v": [values]}. */
function expandSteps(value) {
  if (Array.isArray(value)) return value;
  const steps = [];
  for (const [name, count, columns] of value.columns) {
    const expanded = columns.map((column) => {
      if ("k" in column) return new Array(count).fill(column.k);
      if ("d" in column) {
        let total = 0;
        return column.d.map((delta) => (total += delta));
      }
      return column.v;
    });
    for (let i = 0; i < count; i++) steps.push([name, expanded.map((c) => c[i])]);
  }
  return steps;
}

// -- helpers ------------------------------------------------------------------------------------------

const STOP = Symbol("stop");

/** Whether a step builds the instance: "new" (the entry class) or "new:Name" (a class by name, which
 * parts add next to the entry). */
function constructs(name) {
  return name === "new" || (typeof name === "string" && name.startsWith("new:"));
}

/** The classes a part adds next to the entry ({name, methods, instance}); absent means none. */
function entryClasses(entry) {
  return Array.isArray(entry.classes) ? entry.classes.filter((c) => c && typeof c.name === "string") : [];
}

/** body(0) .. body(count - 1) in order, synchronously while no body returns a promise (then the
 * rest waits for it); a body returning STOP (or a promise of it) ends the run. finish() gives the
 * result: a plain value when everything ran synchronously, else a promise of it. */
function sequence(count, body, finish) {
  let i = 0;
  const next = () => {
    while (i < count) {
      const outcome = body(i++);
      if (outcome === STOP) return finish();
      if (outcome instanceof Promise) return outcome.then((o) => (o === STOP ? finish() : next()));
    }
    return finish();
  };
  return next();
}

function thenable(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof value.then === "function";
  } catch {
    return false;
  }
}

function fromExports(exports, name) {
  if (exports === null || (typeof exports !== "object" && typeof exports !== "function")) return undefined;
  try {
    const value = exports[name];
    if (value !== undefined) return value;
    // module.exports = OrderBook, or export default class OrderBook
    if (typeof exports === "function" && exports.name === name) return exports;
    const fallback = exports.default;
    if (typeof fallback === "function" && fallback.name === name) return fallback;
  } catch {
    return undefined;
  }
  return undefined;
}

function protoMember(cls, name) {
  try {
    return cls.prototype ? cls.prototype[name] : undefined;
  } catch {
    return undefined;
  }
}

function memberNames(cls, body) {
  const names = new Set();
  try {
    for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== "constructor") names.add(name);
    }
  } catch {
    // a hostile prototype: the text is enough
  }
  for (const match of body.matchAll(/^\s*(?:static\s+|async\s+|get\s+|set\s+|\*\s*)*([A-Za-z_$][\w$]*)\s*[=(]/gm)) {
    if (match[1] !== "constructor") names.add(match[1]);
  }
  for (const match of body.matchAll(/this\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(match[1]);
  return [...names];
}

/** "missing method OrderBook.bestBid (found best_bid: in JavaScript the method is bestBid)". */
function missingText(what, name, candidates) {
  const flat = (s) => s.replace(/_/g, "").toLowerCase();
  const kind = what.startsWith("method") ? "method" : what;
  // best_bid for bestBid: the Python spelling of the name; a difference in case only is a typo.
  const spelled = candidates.find((c) => c !== name && c.includes("_") && flat(c) === flat(name));
  let hint = "";
  if (spelled) {
    hint = ` (found ${spelled}: in JavaScript the ${kind} is ${name})`;
  } else {
    const close = closest(name, candidates);
    // As the Python harness words it: a difference in case only, or another spelling (a typo).
    const why = close && close.toLowerCase() === name.toLowerCase() ? "names are case-sensitive" : "a typo?";
    if (close) hint = ` (found ${JSON.stringify(close)}: ${why})`;
  }
  return what.endsWith(".") ? `missing ${what}${name}${hint}` : `missing ${what} ${JSON.stringify(name)}${hint}`;
}

/** The candidate most like `name`, if it is similar enough (difflib's ratio of at least 0.6). */
function closest(name, candidates) {
  let best = null;
  let bestScore = 0.6;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const score = (2 * commonSubsequence(name, candidate)) / (name.length + candidate.length);
    if (score >= bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function commonSubsequence(a, b) {
  const row = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

function minorCollection() {
  // An empty young generation before a batch: a scavenge landing inside one batch is the commonest
  // timing outlier (V8's collector cannot be paused like Python's gc.disable()).
  try {
    collect({ type: "minor" });
  } catch {
    collect();
  }
}

function timeBatch(calls) {
  minorCollection();
  const start = hrtime();
  for (const call of calls) call();
  return Number(hrtime() - start) / 1e9 / Math.max(1, calls.length);
}

function heapBytes() {
  const usage = memoryUsage();
  return usage.heapUsed + usage.external;
}

function weighBatch(calls) {
  collect();
  const before = heapBytes();
  for (const call of calls) call();
  collect();
  return (heapBytes() - before) / Math.max(1, calls.length);
}

function lowerBound(items, key) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The yardstick: the cheapest O(n) step there is in JavaScript, a binary search and a splice. */
function insort(items, key) {
  items.splice(lowerBound(items, key), 0, key);
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(random, n, k) {
  const picked = new Set();
  while (picked.size < k) picked.add(Math.floor(random() * n));
  return [...picked];
}

// -- the loop -----------------------------------------------------------------------------------------

function limitProcesses() {
  // RLIMIT_NPROC inside the sandbox's user namespace, where the kernel counts only its processes (the
  // Python harness calls setrlimit; node has no binding for it, util-linux's prlimit does the call).
  const nproc = process.env.JUDGE_NPROC;
  if (!nproc || !/^\d+$/.test(nproc)) return;
  for (const prlimit of ["/usr/bin/prlimit", "/bin/prlimit"]) {
    if (!fs.existsSync(prlimit)) continue;
    try {
      // Synchronous and before the submission loads: nothing of the solution's runs meanwhile.
      createRequire(import.meta.url)("node:child_process").spawnSync(prlimit,
        ["--pid", String(process.pid), `--nproc=${nproc}:${nproc}`], { stdio: "ignore", timeout: 5000 });
    } catch {
      // the sandbox's own process limit (a pids cgroup) still holds
    }
    return;
  }
}

function main() {
  limitProcesses();
  // Writing past the file-size limit should fail the write (EFBIG, a runtime error naming the limit),
  // not kill the process with a signal the user cannot see: a handler makes the kernel return EFBIG.
  process.on("SIGXFSZ", () => {});
  takeOverStdio();
  forbidExit();
  process.on("uncaughtException", onStray);
  process.on("unhandledRejection", onStray);
  const reader = new protocol.LineReader(0);
  const harness = new Harness();
  const handlers = {
    load: (r) => harness.load(r),
    run: (r) => harness.run(r),
    measure: (r) => harness.measure(r),
  };
  const send = (request, reply) => {
    try {
      protocol.writeMessage(1, { ...reply, id: request.id });
    } catch (error) {
      if (isMemory(error)) harness.forget();
      protocol.writeMessage(1, { status: isMemory(error) ? "memory" : "bad_value", id: request.id });
    }
  };
  const failed = (error) => {
    if (isMemory(error)) {
      harness.forget();
      return { status: "memory" };
    }
    if (error instanceof protocol.BadValue) return { status: "bad_value", error: error.message };
    // Only the solution can break the harness this way (it shares the process): say so, and stop.
    protocol.writeAll(2, Buffer.from(`judge harness: ${userTraceback(error)}\n`));
    reallyExit(70);
    return { status: "bad_request" };
  };
  const serve = () => {
    for (;;) {
      let request;
      try {
        request = protocol.readMessage(reader);
      } catch {
        request = null; // a malformed line: the judge is gone or the pipe was written by the solution
      }
      if (request === null || request.op === "exit") reallyExit(0);
      const handler = Object.hasOwn(handlers, request.op) ? handlers[request.op] : null;
      let reply;
      try {
        reply = handler ? handler(request) : { status: "bad_request" };
      } catch (error) {
        reply = failed(error);
      }
      if (reply instanceof Promise) {
        reply.catch(failed).then((r) => {
          send(request, r);
          serve();
        });
        return;
      }
      send(request, reply);
    }
  };
  serve();
}

main();
