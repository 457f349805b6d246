// The wire format between the judge and the JavaScript harness (docs/protocol.md), Node built-ins only.
//
// One message is one line of JSON. Values JSON cannot carry faithfully are tagged. Arguments arrive in
// the judge's Python-flavoured tags and become what a JavaScript solution expects: a $tuple is an
// array, a $dec or $frac a number. Replies never hold a bare non-finite number or an integer past
// 2^53 (JSON.stringify would write null, or digits that look exact): those go as {"$dec": text},
// which the judge compares as a number.

import fs from "node:fs";

export const MAX_LINE = 64 * 1024 * 1024;
const MAX_DEPTH = 50;
const MAX_REPR = 300;

// Bound once, before the submission loads: a solution that patches JSON, Buffer or fs must not be
// able to change what the harness reads or writes.
const parse = JSON.parse;
const stringify = JSON.stringify;
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const concat = Buffer.concat;
const fromString = Buffer.from;
const isArray = Array.isArray;
const objectKeys = Object.keys;
const getPrototypeOf = Object.getPrototypeOf;
const BigIntCtor = BigInt;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block this thread for `ms` without running the event loop (a full pipe, a non-blocking fd). */
export function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Thrown when a returned value cannot be described on the wire (a getter that throws, say). */
export class BadValue extends Error {}

export function decodeValue(value) {
  if (isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === "object") {
    if ("$dec" in value) return Number(value.$dec);
    if ("$frac" in value) return value.$frac[0] / value.$frac[1];
    if ("$tuple" in value) return value.$tuple.map(decodeValue);
    if ("$dict" in value) {
      const pairs = value.$dict.map(([k, v]) => [decodeValue(k), decodeValue(v)]);
      // String keys (weights by exchange name, say) read best as a plain object; others need a Map.
      return pairs.every(([k]) => typeof k === "string") ? Object.fromEntries(pairs) : new Map(pairs);
    }
    if ("$set" in value) return new Set(value.$set.map(decodeValue));
    if ("$repr" in value) return { $repr: String(value.$repr) };
  }
  return value;
}

function describe(value) {
  let text;
  try {
    text = typeof value === "function" ? `[Function: ${value.name || "anonymous"}]` : String(value);
  } catch {
    text = "<unprintable>";
  }
  return text.slice(0, MAX_REPR);
}

function typeName(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return typeof value;
  try {
    const ctor = value.constructor;
    return (typeof ctor === "function" && typeof ctor.name === "string" && ctor.name) || "Object";
  } catch {
    return "Object";
  }
}

function isPlainObject(value) {
  const proto = getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function number(value) {
  if (!Number.isFinite(value)) {
    return { $dec: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return { $dec: BigIntCtor(value).toString() }; // the double's exact value, not JSON's rounding
  }
  return value;
}

export function encodeValue(value, depth = 0) {
  if (depth > MAX_DEPTH) return { $repr: "<nested too deep>" };
  switch (typeof value) {
    case "undefined":
      return null;
    case "boolean":
    case "string":
      return value;
    case "number":
      return number(value);
    case "bigint":
      return { $dec: value.toString() };
    case "function":
    case "symbol":
      return { $repr: describe(value), $type: typeof value };
    default:
      break;
  }
  if (value === null) return null;
  try {
    if (isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = encodeValue(value[i], depth + 1);
      return out;
    }
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return Array.from(value, (v) => encodeValue(v, depth + 1));
    }
    if (value instanceof Map) {
      return { $dict: Array.from(value, ([k, v]) => [encodeValue(k, depth + 1), encodeValue(v, depth + 1)]) };
    }
    if (value instanceof Set) return { $set: Array.from(value, (v) => encodeValue(v, depth + 1)) };
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return encodeValue(value.valueOf(), depth);
    }
    if (isPlainObject(value)) {
      return { $dict: objectKeys(value).map((k) => [k, encodeValue(value[k], depth + 1)]) };
    }
  } catch (error) {
    throw new BadValue(`the value could not be read: ${describe(error)}`);
  }
  return { $repr: describe(value), $type: typeName(value) };
}

/** Reads newline-framed messages from a file descriptor, synchronously: nothing else runs meanwhile. */
export class LineReader {
  constructor(fd) {
    this.fd = fd;
    this.pending = [];
    this.pendingBytes = 0;
    this.chunk = Buffer.allocUnsafe(1 << 16);
  }

  /** The next line (without its newline) as a string; null at the end of the stream. */
  readLine() {
    for (;;) {
      const head = this.pending.length ? this.pending[this.pending.length - 1] : null;
      const newline = head ? head.indexOf(10) : -1;
      if (newline >= 0) {
        const whole = concat(this.pending, this.pendingBytes);
        const at = this.pendingBytes - head.length + newline;
        const rest = whole.subarray(at + 1);
        this.pending = rest.length ? [Buffer.from(rest)] : [];
        this.pendingBytes = rest.length;
        return whole.toString("utf8", 0, at);
      }
      if (this.pendingBytes > MAX_LINE) throw new Error("message too long");
      let n;
      try {
        n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      } catch (error) {
        if (error.code === "EAGAIN") {
          sleep(1);
          continue;
        }
        if (error.code === "EOF") return null;
        throw error;
      }
      if (n === 0) return null; // a line cut short at the end is no message either
      const piece = Buffer.from(this.chunk.subarray(0, n));
      // Only the newest piece can hold the first newline: the older ones were searched already.
      this.pending.push(piece);
      this.pendingBytes += n;
    }
  }
}

export function readMessage(reader) {
  const line = reader.readLine();
  if (line === null) return null;
  const message = parse(line);
  if (message === null || typeof message !== "object" || isArray(message)) throw new Error("not an object");
  return message;
}

export function writeMessage(fd, message) {
  writeAll(fd, fromString(stringify(message) + "\n"));
}

/** All of `data` to `fd`, synchronously: a pipe that is full (EAGAIN) is waited for, never dropped. */
export function writeAll(fd, data) {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      sleep(1);
    }
  }
}
