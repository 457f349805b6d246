class Box {
  put(item)
    return item;
  }
}
