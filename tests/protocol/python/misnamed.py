class Box:
    def put(self, item):
        pass

    def Get(self):
        return None
