"""Benchmarks: how long a verdict takes, and what the sandbox costs, next to the same work in-process.

    python scripts/bench.py [PROBLEM [FILE]] [--runs 5] [--sandbox bwrap] [--neighbours N] [--full-only]

Prints medians of --runs runs, measured in this one process run:
- full verdict (tests + complexity) and quick verdict through the library (judge_file), and the full
  verdict through the real CLI (a fresh `judge run` process, as a user types it);
- the sandbox's start cost (process up + submission loaded) vs loading the same file in-process;
- the same tests and complexity checks run in-process with no sandbox (the floor the sandbox adds to).
With --neighbours N, N busy processes (scripts/neighbours.py: each spins and walks a 64 MB buffer)
run for the whole benchmark: the verdict's time on a loaded machine. The load average at the start
and the end is printed, since the machine may be busy with other work too.
The in-process worker (judge.inprocess) runs untrusted code in the judge and must never judge.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import neighbours as busy  # noqa: E402

from judge import problems  # noqa: E402
from judge.correctness import run_suite  # noqa: E402
from judge.inprocess import InProcessWorker  # noqa: E402
from judge.judging import Options, judge_file  # noqa: E402
from judge.profiling import run_checks  # noqa: E402

CPU: list[float] = []  # CPU seconds of the judge and its finished children (the sandboxes), per run


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def median_of(runs: int, fn: Any) -> tuple[float, tuple[float, float]]:
    times = []
    CPU.clear()
    for _ in range(runs):
        began, cpu = time.perf_counter(), _cpu()
        fn()
        times.append(time.perf_counter() - began)
        CPU.append(_cpu() - cpu)
    return statistics.median(times), (min(times), max(times))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("problem", nargs="?", default="orderbook")
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("--neighbours", type=int, default=0, help="busy processes running alongside")
    parser.add_argument("--full-only", action="store_true", help="only the full verdict through the library")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; neighbours: {args.neighbours}")
    with busy.running(args.neighbours):
        bench(args)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def bench(args: argparse.Namespace) -> None:
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

    t_full, spread = median_of(args.runs, full)
    sandbox = reports[-1].sandbox
    verdicts = sorted({r.verdict.value for r in reports})
    starts = [r.timings.sandbox_start for r in reports]
    tests = statistics.median(r.timings.tests for r in reports)
    checks = statistics.median(r.timings.complexity for r in reports)
    print(f"verdict {', '.join(verdicts)} in sandbox {sandbox}")
    print(f"full verdict (library)      {t_full:8.3f} s   (min {spread[0]:.3f}, max {spread[1]:.3f}; "
          f"tests {tests:.3f} s, complexity {checks:.3f} s)")
    # Judge and sandbox take turns (request, reply), so their CPU time added up is about what the
    # verdict takes on an idle machine: the figure to hold against a target when the machine is busy.
    print(f"  CPU used (judge + sandbox) {statistics.median(CPU):7.3f} s   median per verdict")
    if args.full_only:
        return
    t_quick = median_of(args.runs, quick)[0]
    t_cli = median_of(args.runs, cli)[0]
    t_inproc = median_of(args.runs, in_process_full)[0]
    t_load = median_of(args.runs, in_process_load)[0]
    print(f"in-process, no sandbox      {t_inproc:8.3f} s   ratio {t_full / t_inproc:5.2f}")
    print(f"full verdict (judge run)    {t_cli:8.3f} s")
    print(f"quick verdict (library)     {t_quick:8.3f} s")
    print(f"sandbox start + load        {statistics.median(starts) * 1e3:8.1f} ms  in-process load: "
          f"{t_load * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
