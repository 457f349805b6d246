// The conformance script's solution for entries with added classes (parts): a box, a tally the
// second part adds next to it, and a module function. No exports: top-level declarations are found.

class Box {
  constructor() {
    this.item = null;
  }

  put(item) {
    this.item = item;
  }

  get() {
    return this.item;
  }
}

class Tally {
  constructor(start) {
    this.total = start;
  }

  add(amount) {
    this.total += amount;
  }

  readTotal() {
    return this.total;
  }
}

function doubleIt(x) {
  return 2 * x;
}
