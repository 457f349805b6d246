"""The light commands stay light: `judge --help`, `list`, `show`, `start`, `history` and `stats` never
import the judging stack, and the names the CLI offers without importing it are the real ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from judge import catalog, cli, languages, sandbox, sessions
from judge.errors import BadProblemPackage, UnknownProblem

ROOT = Path(__file__).resolve().parent.parent

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
    assert cli.PROGRESSIVE_MINUTES == sessions.PROGRESSIVE_MINUTES


# Beyond the judging stack: the report models (pydantic), Markdown and highlighting cost more than the
# 0.15 s a light command may take (issue 12). `show` draws Markdown, nothing else here does; `history`
# and `stats` list rows without building the history's pydantic records.
MODELS = ("pydantic", "judge.models", "judge.problems", "judge.records", "judge.sessions", "markdown_it",
          "pygments")


@pytest.mark.parametrize(("args", "allowed"), [
    (["--help"], ()), (["--version"], ()), (["list"], ()), (["show", "orderbook"], ("markdown_it", "pygments")),
    (["start", "orderbook", "{tmp}/x.py"], ()), (["history"], ()), (["history", "orderbook"], ()), (["stats"], ()),
])
def test_catalog_commands_build_no_models_once_validated(args: list[str], allowed: tuple[str, ...],
                                                         tmp_path: object) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = (
        "import sys\nfrom judge import cli\n"
        f"code = 0\ntry:\n    cli.main({argv!r})\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "print('EXIT', code)\n"
        f"print('HEAVY', [m for m in {MODELS!r} if m in sys.modules and m not in {allowed!r}])\n"
    )
    # The first read of a problem.yaml validates it in full (pydantic); the stamp spares later reads.
    subprocess.run([sys.executable, "-m", "judge.cli", "list"], capture_output=True, timeout=60, check=True)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "EXIT 0" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "HEAVY []" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]


def test_an_edited_problem_yaml_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = tmp_path / "problems"
    shutil.copytree(ROOT / "problems" / "ema", problems / "ema", ignore=shutil.ignore_patterns("submissions"))
    monkeypatch.setenv("JUDGE_PROBLEMS_DIR", str(problems))
    assert catalog.summary("ema").title
    yaml_path = problems / "ema" / "problem.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("difficulty: easy", "difficulty: trivial"))
    with pytest.raises(BadProblemPackage, match="difficulty"):
        catalog.summary("ema")


def test_unknown_problem_names_the_likely_one() -> None:
    with pytest.raises(UnknownProblem, match="did you mean 'orderbook'"):
        catalog.check_name("orderbok")
    with pytest.raises(UnknownProblem, match="did you mean 'orderbook'"):
        catalog.check_name("OrderBook")
