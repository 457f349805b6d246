"""Python: the harness is judge/harness.py + judge/protocol.py, run with the judge's own interpreter."""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from judge.languages.base import Language, Runtime

_PACKAGE = Path(__file__).resolve().parent.parent


class Python(Language):
    name = "python"
    display = "Python"
    extensions = (".py",)
    solution_file = "solution.py"
    lexer = "python"
    harness_files = (_PACKAGE / "harness.py", _PACKAGE / "protocol.py")
    harness_entry = "harness.py"
    # Debian's python3 in the runner image; its dist-packages holds sortedcontainers.
    image_executable = "/usr/bin/python3"
    image_site = "/usr/lib/python3/dist-packages"

    def runtime(self) -> Runtime | None:
        return _host_runtime()

    def argv(self, executable: str, harness_dir: str) -> list[str]:
        # -I: ignore PYTHON* variables and the user site; -S: no site-packages (the harness adds
        # JUDGE_SITE itself); -B: no .pyc next to read-only files.
        return [executable, "-I", "-S", "-B", f"{harness_dir}/{self.harness_entry}"]

    def literal(self, value: Any) -> str:
        text = repr(value)
        # One quoting style: double quotes, as the spec's examples and black write them.
        if isinstance(value, str) and '"' not in value:
            return re.sub(r"^'(.*)'$", r'"\1"', text)
        return text

    def case_lines(self, entry: Any, steps: list[list[Any]]) -> list[str]:
        lines: list[str] = []
        for name, args in steps:
            arglist = ", ".join(self.literal(a) for a in args)
            if name == "new":
                lines.append(f"{entry.instance} = {entry.name}({arglist})")
            elif entry.kind == "class":
                lines.append(f"{entry.instance}.{name}({arglist})")
            else:
                lines.append(f"{name}({arglist})")
        return lines


@cache
def _host_runtime() -> Runtime:
    exe = Path(os.path.realpath(sys.executable))
    binds = sorted({str(exe.parent), str(Path(sys.base_prefix).resolve() / "lib")})
    site: tuple[tuple[str, str], ...] = ()
    try:
        import sortedcontainers

        site = (("sortedcontainers", os.path.dirname(os.path.realpath(sortedcontainers.__file__))),)
    except ImportError:
        pass
    return Runtime(executable=str(exe), binds=tuple(binds), site=site, version=sys.version.split()[0])
