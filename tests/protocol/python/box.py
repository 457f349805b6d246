"""The conformance script's solution, in Python: a box that holds one value."""


class Box:
    def __init__(self):
        self.item = None

    def put(self, item):
        self.item = item

    def get(self):
        return self.item

    def fail(self, message):
        raise ValueError(message)

    def shout(self, text):
        print(text)  # must reach the user's output, never the protocol
        return len(text)
