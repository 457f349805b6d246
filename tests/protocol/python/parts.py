"""The conformance script's solution for entries with added classes (parts): a box, a tally the
second part adds next to it, and a module function."""


class Box:
    def __init__(self):
        self.item = None

    def put(self, item):
        self.item = item

    def get(self):
        return self.item


class Tally:
    def __init__(self, start):
        self.total = start

    def add(self, amount):
        self.total += amount

    def read_total(self):
        return self.total


def double_it(x):
    return 2 * x
