"""Busy neighbours: N processes that compete for the CPU and trash the caches, until killed.

    python scripts/neighbours.py N [--mb 64]

Each neighbour walks a large buffer (64 MB by default: far beyond any last-level cache) with a
cache-line stride, writing as it goes, so it takes a core *and* evicts whatever the judge had in the
shared caches: the state of a laptop with a build or a browser running. Use it next to the tests
(`python scripts/neighbours.py 2 & bash scripts/test.sh ...; kill %1`) or through
`scripts/bench.py --neighbours N`. SIGTERM/SIGINT stop every neighbour this script started.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
from types import FrameType

_LINE = 64  # bytes per cache line: one touch per line is what evicts
_PR_SET_PDEATHSIG = 1


def _walk(mb: int) -> None:
    """Spin for ever over `mb` MB, one byte per cache line, in a stride that defeats the prefetcher
    less than a random walk would but costs no Python-level work per line (slice assignment)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(Exception):  # die with the parent, however it ends (Linux; best effort)
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    buffer = bytearray(mb * 1024 * 1024)
    lines = len(buffer) // _LINE
    tick = 0
    while True:
        tick = (tick + 1) & 0xFF
        # Writing every 64th byte touches every cache line of the buffer once per pass; alternating
        # offsets keep the writes from being a no-op the hardware could skip.
        offset = tick % _LINE
        buffer[offset::_LINE] = bytes([tick]) * lines
        # A little pure-interpreter spinning too, as a Python neighbour would do.
        x = 0
        for i in range(20_000):
            x += i


def start(count: int, mb: int = 64) -> list[multiprocessing.Process]:
    neighbours = []
    for _ in range(count):
        process = multiprocessing.Process(target=_walk, args=(mb,), daemon=True)
        process.start()
        neighbours.append(process)
    return neighbours


def stop(neighbours: list[multiprocessing.Process]) -> None:
    for process in neighbours:
        if process.is_alive() and process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
    for process in neighbours:
        process.join(timeout=5)


@contextlib.contextmanager
def running(count: int, mb: int = 64) -> Iterator[list[multiprocessing.Process]]:
    """N neighbours for the duration of a with block (bench.py --neighbours)."""
    neighbours = start(count, mb) if count > 0 else []
    # A background job's SIGINT is ignored and SIGTERM would skip the finally below: make SIGTERM
    # an exit, so that killing the benchmark stops its neighbours too.
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        if neighbours:
            time.sleep(0.3)  # let them allocate their buffers and reach the steady state
        yield neighbours
    finally:
        stop(neighbours)
        signal.signal(signal.SIGTERM, previous)


def _exit_on_term(signum: int, frame: FrameType | None) -> None:
    sys.exit(128 + signum)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of busy processes")
    parser.add_argument("--mb", type=int, default=64, help="buffer each one walks (MB)")
    args = parser.parse_args()
    neighbours = start(args.count, args.mb)
    print(f"{args.count} neighbours running (pids {', '.join(str(p.pid) for p in neighbours)}); "
          "stop with Ctrl-C or kill", file=sys.stderr, flush=True)

    def finish(signum: int, frame: FrameType | None) -> None:
        stop(neighbours)
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
