"""Benchmarks: how long a verdict takes, and what the sandbox costs, next to the same work in-process.

    python scripts/bench.py [PROBLEM [FILE]] [--runs 5] [--sandbox bwrap]

Prints medians of --runs runs, measured in this one process run:
- full verdict (tests + complexity) and quick verdict through the library (judge_file), and the full
  verdict through the real CLI (a fresh `judge run` process, as a user types it);
- the sandbox's start cost (process up + submission loaded) vs loading the same file in-process;
- the same tests and complexity checks run in-process with no sandbox (the floor the sandbox adds to).
The in-process worker (judge.inprocess) runs untrusted code in the judge and must never judge.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from judge import problems  # noqa: E402
from judge.correctness import run_suite  # noqa: E402
from judge.inprocess import InProcessWorker  # noqa: E402
from judge.judging import Options, judge_file  # noqa: E402
from judge.profiling import run_checks  # noqa: E402


def median_of(runs: int, fn: Any) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("problem", nargs="?", default="orderbook")
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sandbox", default="auto")
    args = parser.parse_args()
    problem = problems.load(args.problem)
    path = args.file or sorted((problem.folder / "submissions" / "accepted").glob("*.py"))[0]
    seed = 1
    print(f"problem {problem.name}, file {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}, "
          f"median of {args.runs}")

    reports = []

    def full() -> None:
        reports.append(judge_file(problem.name, path, Options(sandbox=args.sandbox, seed=seed,
                                                                remember_failures=False)))

    def quick() -> None:
        reports.append(judge_file(problem.name, path, Options(sandbox=args.sandbox, seed=seed, quick=True,
                                                                remember_failures=False)))

    def cli() -> None:
        subprocess.run([sys.executable, "-m", "judge.cli", "run", problem.name, str(path), "--json", "--seed",
                        str(seed), "--sandbox", args.sandbox], capture_output=True, check=False, cwd=ROOT)

    entry = problem.meta.entry.model_dump()

    def in_process_full() -> None:
        runner = InProcessWorker(path, entry)
        runner.start()
        run_suite(problem, runner, seed=seed, max_examples=problem.meta.tests.max_examples, remembered=[])
        run_checks(runner, problem, seed)

    def in_process_load() -> None:
        InProcessWorker(path, entry).start()

    t_full = median_of(args.runs, full)
    sandbox = reports[-1].sandbox
    verdict = reports[-1].verdict.value
    starts = [r.timings.sandbox_start for r in reports]
    t_quick = median_of(args.runs, quick)
    t_cli = median_of(args.runs, cli)
    t_inproc = median_of(args.runs, in_process_full)
    t_load = median_of(args.runs, in_process_load)
    print(f"verdict {verdict} in sandbox {sandbox}")
    print(f"full verdict (library)      {t_full:8.3f} s   in-process, no sandbox: {t_inproc:8.3f} s   "
          f"ratio {t_full / t_inproc:5.2f}")
    print(f"full verdict (judge run)    {t_cli:8.3f} s")
    print(f"quick verdict (library)     {t_quick:8.3f} s")
    print(f"sandbox start + load        {statistics.median(starts) * 1e3:8.1f} ms  in-process load: "
          f"{t_load * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
