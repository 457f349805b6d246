"""The import graph of the judge package: no cycles (lazy imports inside functions included), and the
sandbox layer never reaches up into the code that drives it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "judge"
# The sandbox is below the runner and the judging code: they use it, never the other way round.
SANDBOX_MUST_NOT_IMPORT = ("judge.runner", "judge.judging", "judge.cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every judge module `path` imports at run time, at any depth (functions too); `if TYPE_CHECKING:`
    blocks are left out: they never run."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from judge.sandbox import seccomp` is an edge to judge.sandbox.seccomp (as import-linter
            # reads it); `from judge.sandbox import choose`, to judge.sandbox.
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in modules else module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(), filename=str(path)))
    resolved = set()
    for module in found:
        # Importing judge.a.b runs judge.a's __init__ too, but that edge is judge.a's own business;
        # the edge recorded is to the module named.
        if module in modules and module != name:
            resolved.add(module)
    return resolved


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    paths = [p for p in paths if "_data" not in p.parts]
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_lazy_imports() -> None:
    """A sanity check of the parser: imports inside functions count (cli imports the image module
    inside its command), TYPE_CHECKING imports do not."""
    edges = graph()
    assert "judge.sandbox.docker.image" in edges["judge.cli"]
    assert "judge.sandbox" in edges["judge.doctor"]


def test_no_import_cycles() -> None:
    cycle = _cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_when_there_is_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("forbidden", SANDBOX_MUST_NOT_IMPORT)
def test_the_sandbox_never_imports_the_code_that_drives_it(forbidden: str) -> None:
    offenders = sorted(module for module, targets in graph().items()
                       if module.startswith("judge.sandbox") and forbidden in targets)
    assert offenders == [], f"{offenders} import {forbidden}"
