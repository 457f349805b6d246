class Box {
  put(item) {
    this.item = item;
  }

  Get() {
    return null;
  }
}
