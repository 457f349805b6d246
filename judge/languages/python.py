"""Python: the harness is judge/harness.py + judge/protocol.py, run with the judge's own interpreter."""

from __future__ import annotations

import ast
import io
import os
import sys
import tokenize
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from judge.languages.base import Language, Runtime
from judge.models import Limits

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

    def argv(self, executable: str, harness_dir: str, limits: Limits | None = None) -> list[str]:
        # -I: ignore PYTHON* variables and the user site; -S: no site-packages (the harness adds
        # JUDGE_SITE itself); -B: no .pyc next to read-only files.
        return [executable, "-I", "-S", "-B", f"{harness_dir}/{self.harness_entry}"]

    def literal(self, value: Any) -> str:
        """One quoting style, double quotes (as the specs and black write them), at every depth:
        `["b1"]` and `Decimal("3000")`, never a mix with `['b1']` or `Decimal('3000')`."""
        if isinstance(value, str):
            text = repr(value)
            return f'"{text[1:-1]}"' if '"' not in value and text[0] == "'" else text
        if isinstance(value, Decimal):
            return f'Decimal("{value}")'
        if isinstance(value, Fraction):
            return f"Fraction({value.numerator}, {value.denominator})"
        if isinstance(value, list):
            return "[" + ", ".join(self.literal(v) for v in value) + "]"
        if isinstance(value, tuple):
            inner = ", ".join(self.literal(v) for v in value)
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{self.literal(k)}: {self.literal(v)}" for k, v in value.items()) + "}"
        return repr(value)

    def printed(self, call: str) -> str:
        return f"print(repr({call}))"

    def preamble(self, steps: list[list[Any]]) -> list[str]:
        return _value_imports(steps)


    def count_lines(self, source: str) -> int:
        """Lines holding code, by tokenize, so comments, blank lines and docstrings are left out."""
        docstrings: set[int] = set()
        try:
            tree = ast.parse(source)
        except SyntaxError:
            tree = None
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                    first = node.body[0] if node.body else None
                    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                            and isinstance(first.value.value, str)):
                        docstrings.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
        skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                tokenize.ENCODING, tokenize.ENDMARKER}
        lines: set[int] = set()
        try:
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type not in skip:
                    lines.update(range(token.start[0], token.end[0] + 1))
        except (tokenize.TokenError, SyntaxError):
            return super().count_lines(source)
        return len(lines - docstrings)


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


_IMPORTS = {"Decimal": "from decimal import Decimal", "Fraction": "from fractions import Fraction"}


def _value_imports(steps: list[list[Any]]) -> list[str]:
    needed: set[str] = set()

    def walk(value: Any) -> None:
        if type(value).__name__ in _IMPORTS and type(value).__module__ in ("decimal", "fractions"):
            needed.add(type(value).__name__)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)

    for _, args in steps:
        walk(args)
    return [_IMPORTS[name] for name in sorted(needed)]
