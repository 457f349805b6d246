"""Problem packages: any folder under problems/ with a problem.yaml is a problem.

problem.yaml is validated by the pydantic models below; a malformed package raises BadProblemPackage
naming the file and the field. The suite and reference modules are imported from the folder here,
in the judge's process, and never shown to the sandbox.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
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


class Problem:
    def __init__(self, name: str, folder: Path, meta: ProblemMeta) -> None:
        self.name, self.folder, self.meta = name, folder, meta

    @property
    def spec(self) -> str:
        return (self.folder / "spec.md").read_text(encoding="utf-8")

    def template_path(self, language: Language | None = None) -> Path:
        """templates/<name>.py for Python (or problem.yaml's `template`), templates/<lang>/<name><ext>
        for any other language."""
        language = language or languages.DEFAULT
        if language is languages.DEFAULT:
            return templates_dir() / (self.meta.template or f"{self.name}{language.extensions[0]}")
        return templates_dir() / language.name / f"{self.name}{language.extensions[0]}"

    def check_part(self, part: int) -> None:
        if part not in self.meta.parts:
            known = ", ".join(str(n) for n in self.meta.parts)
            raise UnknownProblem(f"problem {self.name!r} has no part {part}; its parts: {known}")

    def limits(self, overrides: dict[str, Any] | None = None) -> Limits:
        values: dict[str, Any] = dict(self.meta.limits)
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return Limits(**values)

    def _import(self, filename: str, role: str) -> ModuleType:
        path = self.folder / filename
        if not path.is_file():
            raise BadProblemPackage(f"{self.folder / 'problem.yaml'}: {role} file {filename!r} does not exist")
        module_name = f"judge_problem_{self.name}_{role}_{path.stem}"
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

    def cases(self, part: int = 1) -> Any:
        """The suite's Hypothesis strategy for `part` (a suite whose `cases` takes no part has one)."""
        factory = self.suite.cases
        return factory(part) if _takes_argument(factory) else factory()

    def examples(self, part: int = 1) -> dict[str, list[Any]]:
        """The suite's named explicit cases for `part`: EXAMPLES is a dict, or a function of the part."""
        examples = self.suite.EXAMPLES
        found = examples(part) if callable(examples) else examples
        return dict(found)

    def reference(self, index: int = 0) -> ModuleType:
        return self._import(self.meta.references[index].file, "reference")


def _takes_argument(fn: Any) -> bool:
    try:
        return len(inspect.signature(fn).parameters) > 0
    except (TypeError, ValueError):
        return False


def load(name: str) -> Problem:
    folder = catalog.check_name(name)
    return Problem(name, folder, load_meta(folder / "problem.yaml"))


def load_meta(path: Path) -> ProblemMeta:
    raw, _ = catalog.read_yaml(path)
    return validate_meta(path, raw)


def all_problems() -> list[Problem]:
    return [load(name) for name in available()]


__all__ = ["ComplexityCheck", "ComplexitySettings", "Entry", "Problem", "ProblemMeta", "all_problems", "available",
           "load", "load_meta", "problems_dir", "templates_dir", "validate_meta"]
