"""Whole-process wall times of the commands a candidate types, as the README quotes them.

    python scripts/cli_times.py [--runs 5] [--only list,show] [--judge .venv/bin/judge] [--pipe] [--no-bytecode]
                                [--realtime]

Each command runs `--runs` times as a fresh process (what the user waits for: interpreter start,
imports, work, exit) after one untimed run (the first read of a problem.yaml validates it, the first
quick run of a problem builds its case bank: one-off costs, reported apart); prints the median and
the fastest, with the load average before and after, since on a shared machine the load moves the
figures more than any change to the judge does. Output goes to a pseudo-terminal of 100 columns, as
in a terminal (colour, tables, progress bar), unless --pipe. History and cache go to a throwaway
folder, so measuring records nothing in the user's history.

Python caches the bytecode of what it imports (__pycache__), unless PYTHONDONTWRITEBYTECODE is set,
as it is on some CI machines and sandboxes: then every run compiles the judge's modules again, which
costs ~0.05-0.1 s per command. The figures are taken with bytecode cached (in the throwaway folder,
PYTHONPYCACHEPREFIX), as on a user's machine; --no-bytecode takes them as the environment says.

--realtime runs each command at real-time priority (`chrt -f 10`, root or CAP_SYS_NICE): on a machine
shared with other work it then gets a core whenever it wants one, which approximates the idle
machine the figures are meant for (memory and cache are still shared). Say so when quoting them.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "problems" / "orderbook" / "submissions" / "accepted" / "sorteddict.py"

# In this order: history and stats come after the runs, so that they list a dozen attempts as a user's
# would, not an empty history.
COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "--version": ["--version"],
    "list": ["list"],
    "show": ["show", "orderbook"],
    "start": ["start", "orderbook", "--force"],
    "run --quick": ["run", "orderbook", str(SAMPLE), "--quick", "--seed", "1"],
    "run": ["run", "orderbook", str(SAMPLE), "--seed", "1"],
    "history": ["history"],
    "stats": ["stats"],
}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _drain(fd: int) -> None:
    """Read the terminal's side until the command closes it, as a terminal would."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:  # EIO: every writer has closed the slave side
            return


def run_once(argv: list[str], env: dict[str, str], cwd: str, tty: bool) -> float:
    if not tty:
        began = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - began
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    reader = threading.Thread(target=_drain, args=(master,), daemon=True)
    reader.start()
    began = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, check=False)
    elapsed = time.perf_counter() - began
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated command names, e.g. list,show")
    parser.add_argument("--judge", default=str(Path(sys.executable).parent / "judge"))
    parser.add_argument("--pipe", action="store_true", help="output to a pipe, not a terminal")
    parser.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if it is set")
    parser.add_argument("--realtime", action="store_true", help="run each command under chrt -f 10")
    args = parser.parse_args()
    wanted = [n.strip() for n in args.only.split(",")] if args.only else list(COMMANDS)
    with tempfile.TemporaryDirectory(prefix="judge-times-") as tmp:
        env = {**os.environ, "JUDGE_DATA_DIR": f"{tmp}/data", "JUDGE_CACHE_DIR": f"{tmp}/cache",
               "COLUMNS": "100", "TERM": os.environ.get("TERM") or "xterm-256color"}
        env.pop("JUDGE_CASEBANK_DIR", None)
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pycache"
        bytecode = "not cached" if env.get("PYTHONDONTWRITEBYTECODE") else "cached"
        where = "a pipe" if args.pipe else "a 100-column pseudo-terminal"
        priority = "real-time priority (chrt -f 10)" if args.realtime else "normal priority"
        print(f"load average before: {load()} ({os.cpu_count()} cores); output to {where}; bytecode {bytecode}; "
              f"{priority}; median and fastest of {args.runs}, after one untimed run")
        for name in wanted:
            argv = [*(["chrt", "-f", "10"] if args.realtime else []), args.judge, *COMMANDS[name]]
            first = run_once(argv, env, tmp, not args.pipe)
            times = [run_once(argv, env, tmp, not args.pipe) for _ in range(args.runs)]
            print(f"  judge {name:<12} median {statistics.median(times):.3f} s   fastest {min(times):.3f} s"
                  f"   (untimed first run {first:.3f} s)")
        print(f"load average after:  {load()}")


if __name__ == "__main__":
    main()
