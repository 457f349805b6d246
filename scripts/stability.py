"""How stable are the complexity verdicts? Runs only the complexity checks of sample submissions,
through the real sandbox, several times each, and prints one line per run and a table.

    python scripts/stability.py [SAMPLE ...] [--runs 5] [--neighbours N] [--sandbox bwrap] [-v]

SAMPLE is a path or a substring of problems/*/submissions/{accepted,complexity_failed}/*.py (all of
them by default). A run's verdict is complexity_failed if any row failed, accepted otherwise; the
expected verdict is the folder's name. -v prints each row's growth, excess and yardstick share.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import neighbours as busy  # noqa: E402

from judge import complexity, problems, sandbox  # noqa: E402
from judge.profiling import measure  # noqa: E402
from judge.runner import Runner  # noqa: E402
from judge.submission import Submission  # noqa: E402


def samples(patterns: list[str]) -> list[problems.Sample]:
    found = [s for s in problems.samples(ROOT / "problems", ("accepted", "complexity_failed"))
             if problems.load(s.problem).at(s.part).meta.complexity is not None]
    return [s for s in found if not patterns or any(pat in str(s.path) for pat in patterns)]


def run_once(sample: problems.Sample, seed: int, backend_name: str, verbose: bool,
             sizes: list[int] | None = None, dump: Path | None = None) -> tuple[str, float, list[str]]:
    path = sample.path
    problem = problems.load(sample.problem).at(sample.part)
    assert problem.meta.complexity is not None
    settings = problem.meta.complexity
    if sizes:
        settings = settings.model_copy(update={"sizes": sizes})
    backend = sandbox.choose(backend_name)
    began = time.perf_counter()
    lines = []
    submission = Submission.read(path)
    with Runner(backend, submission, problem.limits(), problem.meta.entry.model_dump()) as runner:
        runner.start()
        # as the judge does: a language whose heap readings are too noisy is not weighed
        data, rows = measure(runner, settings, problem.suite.WORKLOAD, seed,
                             weigh_memory=submission.language.weighs_memory)
    elapsed = time.perf_counter() - began
    if dump:
        with dump.open("a") as f:
            f.write(json.dumps({"sample": str(path.relative_to(ROOT)), "sizes": data.sizes[: data.built],
                                "yardstick": data.yardstick, "lookups": data.lookups, "rows": {
                                    r.name: {"expected": r.expected, "passed": r.passed, "observed": r.observed,
                                             "rounds": data.costs.get(r.name, [])} for r in rows}}) + "\n")
    for row in rows:
        mark = "ok " if row.passed else "FAIL"
        extra = ""
        if row.metric == "time" and data.costs.get(row.name) and data.built == len(data.sizes):
            fit = complexity.decide(data.sizes, data.costs[row.name], row.expected, data.yardstick, data.lookups)
            share = f"{fit.share:.2f}" if fit.share is not None else "-"
            extra = f" G={fit.ratio:6.2f} E={fit.excess:5.2f} R={fit.creep:4.2f} S={share:>5} rounds={data.rounds}"
        lines.append(f"    {mark} {row.name:20} {row.observed:18}{'' if row.determined else ' (undetermined)'}{extra}")
        if verbose:
            lines.append(f"         {row.detail}")
    if verbose and data.requests and any(data.requests):
        lines.append(f"    cpu inside {sum(data.inside):.3f} s, outside {sum(data.outside):.3f} s, "
                     f"{sum(data.requests)} requests")
    verdict = "accepted" if all(r.passed for r in rows) else "complexity_failed"
    return verdict, elapsed, lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("samples", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--neighbours", type=int, default=0)
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--sizes", help="comma-separated sizes instead of problem.yaml's (experiments)")
    parser.add_argument("--dump", type=Path, help="append every run's measurements to this file (JSON lines)")
    args = parser.parse_args()
    table = []
    with busy.running(args.neighbours):
        for sample in samples(args.samples):
            expected, name = sample.expected, sample.id
            right, times = 0, []
            for run in range(args.runs):
                sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else None
                verdict, elapsed, lines = run_once(sample, 1000 + run, args.sandbox, args.verbose, sizes, args.dump)
                right += verdict == expected
                times.append(elapsed)
                print(f"{name} run {run + 1}: {verdict} in {elapsed:.2f} s", flush=True)
                print("\n".join(lines), flush=True)
            times.sort()
            table.append(f"{name:55} {right}/{args.runs} right   median {times[len(times) // 2]:.2f} s")
    print(f"\nneighbours: {args.neighbours}")
    print("\n".join(table))


if __name__ == "__main__":
    main()
