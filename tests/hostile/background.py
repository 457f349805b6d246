"""Starts processes meant to outlive the run, holding the output pipe open: a daemon (double fork,
new session) and a subprocess in a new session."""

import os
import subprocess
import sys
import time

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            time.sleep(0.2)
    os._exit(0)
subprocess.Popen([sys.executable, "-c", "import time\nwhile True: time.sleep(0.2)", TOKEN],
                 start_new_session=True)


class OrderBook:
    def submit(self, order_id, side, price, quantity):
        return []

    def cancel(self, order_id):
        return False

    def best_bid(self):
        return None

    def best_ask(self):
        return None

    def depth(self, side, levels):
        return []
