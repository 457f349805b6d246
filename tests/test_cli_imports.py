"""The light commands stay light: `judge --help`, `list`, `show`, `start`, `history` and `stats` never
import the judging stack, and the names the CLI offers without importing it are the real ones."""

from __future__ import annotations

import subprocess
import sys

import pytest

from judge import cli, languages, sandbox, sessions

HEAVY = ("hypothesis", "docker", "judge.judging", "judge.correctness", "judge.runner", "judge.sandbox",
         "judge.compare", "judge.dashboard")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list"], ["show", "orderbook"],
                                  ["history"], ["stats"], ["start", "orderbook", "{tmp}/x.py"]])
def test_light_commands_import_no_judging_stack(args: list[str], tmp_path: object) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = (
        "import sys\nfrom judge import cli\n"
        f"code = 0\ntry:\n    cli.main({argv!r})\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "print('EXIT', code)\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "EXIT 0" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "HEAVY []" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]


def test_offered_names_are_the_real_ones() -> None:
    assert ("auto", *sandbox.BACKENDS) == cli.SANDBOX_NAMES
    assert set(cli.LANGUAGE_NAMES) == {*languages.LANGUAGES, *languages.ALIASES}
    assert cli.DEFAULT_MINUTES == sessions.DEFAULT_MINUTES
