"""The README and the CLI agree: every command `judge --help` lists is documented, and every
`judge ...` command the README shows (in code blocks and inline code) exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from judge.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.add(path)
        if isinstance(command, click.Group):
            found |= _commands(command, path)
    return found


COMMANDS = _commands(cli)


def _shown_commands() -> list[list[str]]:
    """The words after `judge` in every command the README shows as code."""
    code = re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.S)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", README, flags=re.S))
    lines = [line for block in code for line in block.splitlines()] + inline
    shown = []
    for line in lines:
        # A command starts a line (after a `$ ` prompt) or follows && ; | (: output and prose that
        # happen to say "judge" are not commands.
        for match in re.finditer(r"(?:^\s*(?:\$\s+)?|(?:&&|;|\||\()\s*)(?:\.venv/bin/)?judge((?:\s+[a-z][a-z-]*)+)",
                                 line):
            shown.append(match.group(1).split())
    return shown


def test_every_command_is_in_the_readme() -> None:
    shown = {tuple(words[: len(path)]) for words in _shown_commands() for path in COMMANDS}
    missing = sorted(" ".join(path) for path in COMMANDS if path not in shown)
    assert not missing, f"commands not shown in the README: {missing}"


def test_the_readme_shows_no_command_that_does_not_exist() -> None:
    unknown = []
    for words in _shown_commands():
        group: click.Command = cli
        for word in words:
            if not isinstance(group, click.Group):
                break  # the rest are arguments (a problem name, a file)
            if word not in group.commands:
                unknown.append(" ".join(words))
                break
            group = group.commands[word]
    assert not unknown, f"the README shows commands that do not exist: {sorted(set(unknown))}"


def _first_command() -> str:
    block = re.search(r"```bash\n(.*?)```", README, flags=re.S)
    assert block is not None
    return block.group(1).strip()


def test_the_readme_starts_with_set_up_then_tests() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert blocks[0].strip().startswith("bash scripts/setup.sh && ")
    assert blocks[1].strip() == "bash scripts/test.sh"
    assert (ROOT / "scripts" / "setup.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()


@pytest.mark.sandbox
def test_the_first_command_records_nothing_in_your_history(tmp_path: Path) -> None:
    """The README's demo judges a sample of the judge's own: it must not count as the user's solve."""
    judge_part = _first_command().split("&& ", 1)[1]
    assert '--data-dir "$(mktemp -d)"' in judge_part
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "TMPDIR": str(tmp_path)}
    env.pop("JUDGE_DATA_DIR", None)  # the user's default store: where a recorded run would land
    command = judge_part.replace(".venv/bin/judge", f"{sys.executable} -m judge.cli", 1)
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (home / "data" / "judge" / "history.sqlite3").exists()
