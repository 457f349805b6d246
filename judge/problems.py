"""Problem packages: any folder under problems/ with a problem.yaml is a problem.

problem.yaml is validated by the pydantic models below; a malformed package raises BadProblemPackage
naming the file and the field. The suite and reference modules are imported from the folder here,
in the judge's process, and never shown to the sandbox.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from judge import catalog, languages
from judge.catalog import available, problems_dir, templates_dir
from judge.errors import BadProblemPackage, UnknownProblem
from judge.languages import Language
from judge.models import Limits
from judge.problem_meta import ComplexityCheck, ComplexitySettings, Entry, ProblemMeta, validate_meta
from judge.suite import module_name_for


class Problem:
    """A problem package at one of its parts. `load(name)` gives part 1; `at(n)` part n, read as a
    problem of its own: its entry grown by every part up to n, its suite, references, complexity
    checks and spec; its cases and examples hold every earlier part's too (regression)."""

    def __init__(self, name: str, folder: Path, meta: ProblemMeta, part: int = 1,
                 root: ProblemMeta | None = None, spec_file: str = "spec.md") -> None:
        self.name, self.folder, self.meta, self.part = name, folder, meta, part
        self.root = root or meta  # problem.yaml as written: part 1's fields and the list of parts
        self.spec_file = spec_file

    @property
    def spec(self) -> str:
        return (self.folder / self.spec_file).read_text(encoding="utf-8")

    @property
    def part_numbers(self) -> list[int]:
        return self.root.part_numbers

    def part_title(self, part: int | None = None) -> str:
        part = self.part if part is None else part
        if part == 1:
            return self.root.part_title or self.root.title
        return next(p.title for p in self.root.parts if p.n == part)

    def at(self, part: int) -> Problem:
        """The problem as judged at `part` (UnknownProblem for a part it does not have)."""
        self.check_part(part)
        if part == self.part:
            return self
        if part == 1:
            return Problem(self.name, self.folder, self.root)
        entry, limits = self.root.entry, dict(self.root.limits)
        tests = self.root.tests
        for p in self.root.parts:
            if p.n > part:
                break
            entry = entry.grown(p.entry_add)
            limits.update(p.limits)
            tests = p.tests or tests
        this = next(p for p in self.root.parts if p.n == part)
        meta = self.root.model_copy(update={
            "entry": entry, "references": this.references, "suite": this.suite, "limits": limits,
            "tests": tests, "complexity": this.complexity,
        })
        return Problem(self.name, self.folder, meta, part, self.root, this.spec)

    def template_path(self, language: Language | None = None) -> Path:
        """templates/<name>.py for Python (or problem.yaml's `template`), templates/<lang>/<name><ext>
        for any other language."""
        language = language or languages.DEFAULT
        if language is languages.DEFAULT:
            return templates_dir() / (self.meta.template or f"{self.name}{language.extensions[0]}")
        return templates_dir() / language.name / f"{self.name}{language.extensions[0]}"

    def check_part(self, part: int) -> None:
        if part not in self.part_numbers:
            known = ", ".join(str(n) for n in self.part_numbers)
            raise UnknownProblem(f"problem {self.name!r} has no part {part}; its parts: {known}")

    def limits(self, overrides: dict[str, Any] | None = None) -> Limits:
        values: dict[str, Any] = dict(self.meta.limits)
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return Limits(**values)

    def _import(self, filename: str, role: str) -> ModuleType:
        path = self.folder / filename
        if not path.is_file():
            raise BadProblemPackage(f"{self.folder / 'problem.yaml'}: {role} file {filename!r} does not exist")
        module_name = module_name_for(path, role)
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules[module_name]
            raise BadProblemPackage(f"{path}: cannot be imported: {type(exc).__name__}: {exc}") from exc
        return module

    @cached_property
    def suite(self) -> ModuleType:
        module = self._import(self.meta.suite, "suite")
        for attr in ("cases", "EXAMPLES"):
            if not hasattr(module, attr):
                raise BadProblemPackage(f"{module.__file__}: the suite must define {attr!r}")
        if self.meta.complexity and not callable(getattr(module, "WORKLOAD", None)):
            raise BadProblemPackage(f"{module.__file__}: complexity checks are set but the suite has no WORKLOAD")
        return module

    def cases(self, part: int | None = None) -> Any:
        """The Hypothesis strategy of this part: mostly its own suite's cases, sometimes an earlier
        part's (the regression an interviewer keeps). Own cases come first in the one_of, which is
        what shrinking moves towards."""
        if part is not None and part != self.part:
            return self.at(part).cases()
        own = self._own_cases()
        if self.part == 1:
            return own
        from hypothesis import strategies as st

        earlier = [self.at(n)._own_cases() for n in self.part_numbers if n < self.part]
        # one_of draws its branches evenly and merges repeats of one strategy: three distinct copies
        # (an identity map each) give the part's own cases three shares to every earlier part's one.
        return st.one_of(*[own.map(_same) for _ in range(3)], *earlier)

    def _own_cases(self) -> Any:
        factory = self.suite.cases
        return factory(self.part) if _takes_argument(factory) else factory()

    def examples(self, part: int | None = None) -> dict[str, list[Any]]:
        """The named explicit cases of this part and of every earlier one (named "part 1: ...")."""
        if part is not None and part != self.part:
            return self.at(part).examples()
        found = self._own_examples()  # the new rules first: that is where a growing file breaks
        for n in self.part_numbers:
            if n < self.part:
                found.update({f"part {n}: {name}": steps for name, steps in self.at(n)._own_examples().items()})
        return found

    def _own_examples(self) -> dict[str, list[Any]]:
        examples = self.suite.EXAMPLES
        found = examples(self.part) if callable(examples) else examples
        return dict(found)

    def reference(self, index: int = 0) -> ModuleType:
        return self._import(self.meta.references[index].file, "reference")


def _same(steps: Any) -> Any:
    return steps


def _takes_argument(fn: Any) -> bool:
    try:
        return len(inspect.signature(fn).parameters) > 0
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Sample:
    """A sample submission in a package: submissions/<verdict>/<file> for part 1,
    submissions/part<N>/<verdict>/<file> for part N (Kattis's folders named by expected verdict)."""

    path: Path
    problem: str
    part: int
    expected: str  # a Verdict value: the folder's name

    @property
    def id(self) -> str:
        part = "" if self.part == 1 else f"part{self.part}:"
        language = languages.for_path(self.path)
        suffix = "" if language is languages.DEFAULT else f":{language.name}"
        return f"{self.problem}:{part}{self.expected}:{self.path.stem}{suffix}"


def samples(root: Path | None = None, verdicts: tuple[str, ...] = ()) -> list[Sample]:
    """Every sample of every problem, in any language judge knows, sorted by path."""
    root = root or problems_dir()
    extensions = {ext for lang in languages.LANGUAGES.values() for ext in lang.extensions}
    found = []
    for path in sorted(root.glob("*/submissions/**/*")):
        if path.suffix not in extensions or not path.is_file():
            continue
        rel = path.relative_to(root).parts  # (problem, "submissions", [partN,] verdict, file)
        if len(rel) == 4:
            part = 1
        elif len(rel) == 5 and rel[2].startswith("part") and rel[2][4:].isdigit():
            part = int(rel[2][4:])
        else:
            continue
        if not verdicts or rel[-2] in verdicts:
            found.append(Sample(path, rel[0], part, rel[-2]))
    return found


def load(name: str) -> Problem:
    folder = catalog.check_name(name)
    return Problem(name, folder, load_meta(folder / "problem.yaml"))


def load_meta(path: Path) -> ProblemMeta:
    raw, data = catalog.read_yaml(path)
    meta = validate_meta(path, raw)
    catalog.remember_valid(path, raw, data)  # the next read of these bytes skips yaml
    return meta


def all_problems() -> list[Problem]:
    return [load(name) for name in available()]


__all__ = ["ComplexityCheck", "ComplexitySettings", "Entry", "Problem", "ProblemMeta", "Sample", "all_problems",
           "available", "load", "load_meta", "problems_dir", "samples", "templates_dir", "validate_meta"]
