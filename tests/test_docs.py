"""The README and the CLI agree: every command `judge --help` lists is documented, and every
`judge ...` command the README shows (in code blocks and inline code) exists."""

from __future__ import annotations

import re

import click

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
