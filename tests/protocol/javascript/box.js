// The conformance script's solution, in JavaScript: a box that holds one value.

class ValueError extends Error {}

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

  fail(message) {
    throw new ValueError(message);
  }

  shout(text) {
    console.log(text); // must reach the user's output, never the protocol
    return text.length;
  }
}

module.exports = { Box };
