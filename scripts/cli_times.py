"""Whole-process wall times of the commands a candidate types, as the README quotes them.

    python scripts/cli_times.py [--runs 5] [--only list,show] [--judge .venv/bin/judge]

Each command runs `--runs` times as a fresh process (what the user waits for: interpreter start,
imports, work, exit); prints the median and the fastest, with the load average before and after,
since on a shared machine the load moves the figures more than any change to the judge does. History
and cache go to a throwaway folder, so measuring records nothing in the user's history.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "problems" / "orderbook" / "submissions" / "accepted" / "sorteddict.py"

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "--version": ["--version"],
    "list": ["list"],
    "show": ["show", "orderbook"],
    "start": ["start", "orderbook", "--force"],
    "history": ["history"],
    "stats": ["stats"],
    "run --quick": ["run", "orderbook", str(SAMPLE), "--quick", "--seed", "1"],
    "run": ["run", "orderbook", str(SAMPLE), "--seed", "1"],
}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def time_command(judge: str, args: list[str], runs: int, env: dict[str, str], cwd: str) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([judge, *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated command names, e.g. list,show")
    parser.add_argument("--judge", default=str(Path(sys.executable).parent / "judge"))
    args = parser.parse_args()
    wanted = [n.strip() for n in args.only.split(",")] if args.only else list(COMMANDS)
    with tempfile.TemporaryDirectory(prefix="judge-times-") as tmp:
        env = {**os.environ, "JUDGE_DATA_DIR": f"{tmp}/data", "JUDGE_CACHE_DIR": f"{tmp}/cache",
               "COLUMNS": "100"}
        print(f"load average before: {load()} ({os.cpu_count()} cores); median and fastest of {args.runs}")
        for name in wanted:
            times = time_command(args.judge, COMMANDS[name], args.runs, env, tmp)
            print(f"  judge {name:<12} median {statistics.median(times):.3f} s   fastest {min(times):.3f} s")
        print(f"load average after:  {load()}")


if __name__ == "__main__":
    main()
