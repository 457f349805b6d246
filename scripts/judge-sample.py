"""Judge one file with the library API and print the report as JSON (a developer's shortcut).

    python scripts/judge-sample.py PROBLEM FILE [--sandbox NAME] [--seed N] [--quick]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge.judging import Options, judge_file

parser = argparse.ArgumentParser()
parser.add_argument("problem")
parser.add_argument("file", type=Path)
parser.add_argument("--sandbox", default="auto")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--quick", action="store_true")
args = parser.parse_args()
report = judge_file(args.problem, args.file, Options(sandbox=args.sandbox, seed=args.seed, quick=args.quick,
                                                    remember_failures=False))
print(report.model_dump_json(indent=1))
