// Accepted as written in the interview-prep notes: `class EMA` at top level, no export.

class EMA {
  constructor(period) {
    this.k = 2 / (period + 1);
    this.value = null;
  }

  update(price) {
    if (this.value === null) {
      this.value = price;
    } else {
      this.value = price * this.k + this.value * (1 - this.k);
    }
    return this.value;
  }
}
