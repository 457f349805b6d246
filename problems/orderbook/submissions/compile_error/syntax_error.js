// Compile error: a method header without its opening brace.

class OrderBook {
  constructor() {
    this.bids = [];
  }

  submit(orderId, side, price, quantity)
    return [];
  }
}

module.exports = { OrderBook };
