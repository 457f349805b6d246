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

HEAVY = ("hypothesis", "docker", "platformdirs", "judge.judging", "judge.correctness", "judge.runner", "judge.sandbox",
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


# Beyond the judging stack: the report models (pydantic), yaml, Markdown and highlighting cost more than
# the 0.15 s a light command may take (issue 12). `show` draws Markdown, nothing else here does; `history`
# and `stats` list rows without building the history's pydantic records; a problem.yaml validated once
# is read back parsed from the stamp, without yaml.
# The listings are plain tables (judge/plaintable.py): importing rich alone costs them ~0.05 s.
MODELS = ("pydantic", "judge.models", "judge.problems", "judge.records", "judge.sessions", "markdown_it",
          "pygments", "yaml", "rich")


@pytest.mark.parametrize(("args", "allowed"), [
    (["--help"], ()), (["--version"], ()), (["list"], ()), (["show", "orderbook"], ("rich",)),
    (["start", "orderbook", "{tmp}/x.py", "--force"], ("rich",)), (["history"], ()), (["history", "orderbook"], ()),
    (["stats"], ()),
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
    # The first read of a problem.yaml validates it in full (pydantic), the first `show` of a spec on a
    # terminal renders its Markdown: the stamp and the rendered copy spare the later ones.
    subprocess.run([sys.executable, "-m", "judge.cli", "list"], capture_output=True, timeout=60, check=True)
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=True)
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


@pytest.mark.sandbox
def test_a_quick_run_imports_neither_hypothesis_nor_the_suite(tmp_path: Path) -> None:
    """`judge run --quick` takes its cases from the case bank: once the bank is built, neither
    Hypothesis nor the problem's suite module (which imports it) is loaded, nor yaml."""
    sample = ROOT / "problems" / "orderbook" / "submissions" / "accepted" / "sorteddict.py"
    argv = ["run", "orderbook", str(sample), "--quick", "--seed", "3", "--sandbox", "process"]
    code = (
        "import sys\nfrom judge import cli\n"
        f"code = 0\ntry:\n    cli.main({argv!r})\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "print('EXIT', code)\n"
        "print('LOADED', [m for m in sys.modules if m.split('.')[0] in ('hypothesis', 'yaml')"
        " or m.startswith('judge_problem_orderbook_suite')])\n"
    )
    warm = subprocess.run([sys.executable, "-m", "judge.casebank", "orderbook"], capture_output=True, text=True,
                          timeout=300)
    assert warm.returncode == 0, warm.stderr
    subprocess.run([sys.executable, "-m", "judge.cli", "list"], capture_output=True, timeout=60, check=True)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert "EXIT 0" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "LOADED []" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.parametrize("xdg", [None, "", "  ", "/somewhere/else"])
def test_the_data_and_cache_dirs_are_platformdirs_own(xdg: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """judge.paths applies the XDG rules itself on Linux (importing platformdirs costs a light command
    more than its work): the folders must be the very ones platformdirs gives."""
    import platformdirs

    from judge import paths

    monkeypatch.delenv("JUDGE_DATA_DIR", raising=False)
    monkeypatch.delenv("JUDGE_CACHE_DIR", raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert paths.data_dir() == Path(platformdirs.user_data_dir("judge", appauthor=False))
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("judge", appauthor=False))


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("colours", ["truecolor", None])
def test_a_replayed_spec_is_the_spec_rendered(width: int, colours: str | None) -> None:
    """`judge show` replays a spec's rendering from the cache: byte for byte what rendering it gives."""
    import io

    from rich.console import Console

    from judge import render

    text = catalog.summary("orderbook").spec

    def console() -> Console:
        return Console(file=io.StringIO(), width=width, force_terminal=colours is not None,
                       color_system=colours)  # type: ignore[arg-type]

    fresh = console()
    fresh.print(render.spec(text))
    first, second = console(), console()
    render.print_spec(text, first)
    render.print_spec(text, second)  # from the cache
    assert first.file.getvalue() == second.file.getvalue() == fresh.file.getvalue()  # type: ignore[attr-defined]
    assert len(list((catalog_cache() / "rendered").glob("spec-*.txt"))) >= 1


def catalog_cache() -> Path:
    from judge.paths import cache_dir

    return cache_dir()


def _exit_of(body: str) -> subprocess.CompletedProcess[str]:
    code = ("import sys, threading\nfrom judge import cli\n"
            "class Teardown:\n    def __del__(self):\n        print('TORN DOWN', flush=True)\n"
            "kept = Teardown()\n" + body + "\nsys.argv = ['judge', '--version']\ncli.main()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_the_command_ends_without_the_interpreters_teardown() -> None:
    """`judge` ends with os._exit once its output is flushed and the atexit handlers have run: tearing
    the interpreter down cost 45 ms of a quick run. An object's finalizer, which the teardown would
    call, is not called; the output and the status are whole."""
    result = _exit_of("import atexit\natexit.register(lambda: print('AT EXIT', flush=True))")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["judge, version " + cli.__version__, "AT EXIT"]


def test_a_thread_still_running_gets_the_ordinary_exit() -> None:
    result = _exit_of("threading.Thread(target=lambda: __import__('time').sleep(0.3)).start()")
    assert result.returncode == 0
    assert "TORN DOWN" in result.stdout  # the ordinary exit: it waited for the thread, then tore down
