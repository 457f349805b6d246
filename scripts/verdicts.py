"""Every sample's verdict, several times, each with a fresh random seed: is any verdict ever wrong?

    python scripts/verdicts.py [SAMPLE ...] [--runs 5] [--neighbours N] [--sandbox auto]

SAMPLE is a substring of a path under problems/*/submissions/ (every sample, Python and JavaScript,
by default). Each run is a real judge_file through the sandbox, as tests/test_samples.py does it:
complexity checks where they decide the verdict (accepted, complexity_failed), a new seed every run
(the test uses one fixed seed per file). Prints one line per sample: right/runs, the wrong verdicts
seen, and the median time per verdict; then the load average and a total.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import neighbours as busy  # noqa: E402

from judge import problems  # noqa: E402
from judge.judging import Options, judge_file  # noqa: E402
from judge.models import Verdict  # noqa: E402


def samples(patterns: list[str]) -> list[problems.Sample]:
    found = problems.samples(ROOT / "problems")
    return [s for s in found if not patterns or any(pat in str(s.path) for pat in patterns)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samples", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--neighbours", type=int, default=0)
    parser.add_argument("--sandbox", default="auto")
    args = parser.parse_args()
    chosen = samples(args.samples)
    rng = random.SystemRandom()
    wrong_runs = 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; neighbours: {args.neighbours}; "
          f"{len(chosen)} samples x {args.runs} runs")
    with busy.running(args.neighbours):
        for sample in chosen:
            path, expected = sample.path, Verdict(sample.expected)
            complexity = expected in (Verdict.ACCEPTED, Verdict.COMPLEXITY_FAILED)
            seen: list[str] = []
            times: list[float] = []
            for _ in range(args.runs):
                began = time.perf_counter()
                report = judge_file(sample.problem, path, Options(
                    sandbox=args.sandbox, seed=rng.randrange(1, 2**31), complexity=complexity, part=sample.part,
                    remember_failures=False))
                times.append(time.perf_counter() - began)
                if report.verdict != expected:
                    seen.append(f"{report.verdict.value} (seed {report.seed}: {report.message[:80]})")
            wrong_runs += len(seen)
            name = sample.id
            right = args.runs - len(seen)
            print(f"{name:62} {right}/{args.runs}  {statistics.median(times):6.2f} s"
                  + (f"  WRONG: {'; '.join(seen)}" if seen else ""), flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{len(chosen) * args.runs - wrong_runs} right, {wrong_runs} wrong")
    sys.exit(1 if wrong_runs else 0)


if __name__ == "__main__":
    main()
