"""Bad input to `judge run`: one clear line on stderr, exit status 2, never a traceback.

Unknown problem, missing / unreadable / not-a-file submissions, bad flags, and malformed problem
packages (JUDGE_PROBLEMS_DIR pointing at a temporary folder with a broken copy of orderbook).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STUB = ROOT / "templates" / "orderbook.py"  # a valid file: only the problem package is broken


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60,
         memory_mb: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit_memory() -> None:  # a judge that reads a device for ever must fail, not eat the host
        if memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))

    return subprocess.run(
        [sys.executable, "-m", "judge.cli", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {}), "COLUMNS": "200"}, preexec_fn=limit_memory,
    )


def _assert_one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{result.stderr}"
    assert lines[0].startswith("judge: error: "), lines[0]
    for text in expected:
        assert text in lines[0], (text, lines[0])
    assert result.returncode == 2, (result.returncode, result.stderr)


# -- the submission and the flags -----------------------------------------------------------------
@dataclass(frozen=True)
class Bad:
    name: str
    args: Callable[[Path], list[str]]  # given a scratch directory, the arguments after `judge`
    expected: tuple[str, ...] = ()  # substrings of the error line


def _unreadable(tmp: Path) -> list[str]:
    path = tmp / "secret.py"
    path.write_text("class OrderBook:\n    pass\n")
    path.chmod(0)
    return ["run", "orderbook", str(path)]


def _too_big(tmp: Path) -> list[str]:
    path = tmp / "big.py"
    path.write_text("# padding\n" * 300_000)
    return ["run", "orderbook", str(path)]


def _dangling(tmp: Path) -> list[str]:
    (tmp / "link.py").symlink_to(tmp / "gone.py")
    return ["run", "orderbook", str(tmp / "link.py")]


def _fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe.py")
    return ["run", "orderbook", str(tmp / "pipe.py")]


BAD_INPUT = [
    Bad("unknown problem", lambda t: ["run", "no-such-problem", str(STUB)], ("unknown problem", "orderbook")),
    Bad("unknown part", lambda t: ["run", "orderbook", str(STUB), "--part", "7"], ("no part 7", "parts: 1")),
    Bad("missing file", lambda t: ["run", "orderbook", str(t / "missing.py")], ("no such file",)),
    Bad("dangling symlink", _dangling, ("no such file",)),
    Bad("directory", lambda t: ["run", "orderbook", str(t)], ("is a directory",)),
    Bad("unreadable file", _unreadable, ("cannot read",)),
    Bad("file too large", _too_big, ("bytes",)),
    Bad("unknown flag", lambda t: ["run", "orderbook", str(STUB), "--bogus"], ("--bogus",)),
    Bad("negative time limit", lambda t: ["run", "orderbook", str(STUB), "--time-limit", "-1"],
        ("--time-limit",)),
    Bad("time limit not a number", lambda t: ["run", "orderbook", str(STUB), "--time-limit", "abc"],
        ("--time-limit",)),
    Bad("memory limit too small", lambda t: ["run", "orderbook", str(STUB), "--memory-limit", "1"],
        ("--memory-limit",)),
    Bad("seed not an integer", lambda t: ["run", "orderbook", str(STUB), "--seed", "x"], ("--seed",)),
    Bad("unknown sandbox", lambda t: ["run", "orderbook", str(STUB), "--sandbox", "nowhere"], ("nowhere",)),
    Bad("flag without value", lambda t: ["run", "orderbook", str(STUB), "--wall-limit"], ("--wall-limit",)),
    Bad("no problem", lambda t: ["run"], ("PROBLEM",)),
]


@pytest.mark.parametrize("bad", BAD_INPUT, ids=[b.name for b in BAD_INPUT])
def test_bad_input_is_one_line_and_exit_2(bad: Bad, tmp_path: Path) -> None:
    if bad.name == "unreadable file" and os.geteuid() == 0:
        pytest.skip("root reads every file whatever its mode")
    _assert_one_line_error(_cli(*bad.args(tmp_path), cwd=tmp_path), *bad.expected)


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    args = _fifo(tmp_path)
    try:
        result = _cli(*args, cwd=tmp_path, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("the judge hangs on a FIFO")
    _assert_one_line_error(result, "regular file")


def test_a_device_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    try:
        result = _cli("run", "orderbook", "/dev/zero", cwd=tmp_path, timeout=20, memory_mb=1024)
    except subprocess.TimeoutExpired:
        pytest.fail("the judge reads /dev/zero for ever")
    _assert_one_line_error(result, "regular file")


# -- malformed problem packages -------------------------------------------------------------------
def _edit_yaml(old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / "problem.yaml"
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new, 1))

    return edit


def _write(name: str, content: bytes) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / name).write_bytes(content)

    return write


def _remove(name: str) -> Callable[[Path], None]:
    def remove(folder: Path) -> None:
        (folder / name).unlink()

    return remove


BROKEN = [
    ("yaml is a list", _write("problem.yaml", b"- just\n- a list\n"), ("problem.yaml", "mapping")),
    ("missing title", _edit_yaml("title:", "not_title:"), ("problem.yaml", "title")),
    ("bad entry kind", _edit_yaml("kind: class", "kind: module"), ("problem.yaml", "entry")),
    ("unknown limit", _edit_yaml("call_seconds:", "coffee_breaks:"), ("problem.yaml", "coffee_breaks")),
    ("suite file missing", _remove("suite.py"), ("suite",)),
    ("suite raises on import", _write("suite.py", b"raise RuntimeError('broken suite')\n"),
     ("suite.py", "broken suite")),
    ("reference missing", _remove("reference.py"), ("reference",)),
    ("reference syntax error", _write("reference.py", b"class OrderBook(:\n"),
     ("reference.py", "SyntaxError")),
    ("invalid yaml", _write("problem.yaml", b"title: [unclosed\n"), ("problem.yaml", "YAML", "line")),
    ("limit out of range", _edit_yaml("call_seconds: 5", "memory_mb: 1"), ("problem.yaml", "memory_mb")),
    ("yaml not utf-8", _write("problem.yaml", b"title: caf\xe9\n"), ("problem.yaml", "UTF-8")),
]


def _broken_package(tmp: Path, breaks: Callable[[Path], None]) -> dict[str, str]:
    problems = tmp / "problems"
    shutil.copytree(ROOT / "problems" / "orderbook", problems / "broken",
                    ignore=shutil.ignore_patterns("submissions", "__pycache__"))
    breaks(problems / "broken")
    return {"JUDGE_PROBLEMS_DIR": str(problems)}


@pytest.mark.parametrize(("name", "breaks", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_problem_package_is_one_line_and_exit_2(name: str, breaks: Callable[[Path], None],
                                                          expected: tuple[str, ...], tmp_path: Path) -> None:
    env = _broken_package(tmp_path, breaks)
    result = _cli("run", "broken", str(STUB), "--quick", "--sandbox", "process", cwd=tmp_path, env=env)
    _assert_one_line_error(result, *expected)


@pytest.mark.parametrize("args", [
    ("show", "orderbok"), ("start", "orderbok"), ("run", "orderbok", "x.py"), ("history", "orderbok"),
    ("compare", "orderbok"), ("mock", "start", "--problems", "orderbok"),
], ids=lambda a: " ".join(a[:2]))
def test_every_command_rejects_an_unknown_problem_and_names_the_likely_one(args: tuple[str, ...],
                                                                         tmp_path: Path) -> None:
    result = _cli(*args, cwd=tmp_path)
    _assert_one_line_error(result, "unknown problem 'orderbok'", "did you mean 'orderbook'")
