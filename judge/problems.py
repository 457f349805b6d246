"""Problem packages: any folder under problems/ with a problem.yaml is a problem.

problem.yaml is validated by the pydantic models below; a malformed package raises BadProblemPackage
naming the file and the field. The suite and reference modules are imported from the folder here,
in the judge's process, and never shown to the sandbox.
"""

from __future__ import annotations

import importlib.util
import inspect
import shutil
import sys
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from judge import catalog, languages
from judge.catalog import available, problems_dir, templates_dir
from judge.errors import BadProblemPackage, JudgeError, UnknownProblem
from judge.languages import Language
from judge.models import Limits

COMPLEXITY_CLASSES = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entry(_Strict):
    kind: Literal["class", "functions"]
    name: str = ""  # the class, for kind "class"
    methods: list[str] = []
    functions: list[str] = []
    instance: str = "obj"  # the variable name used in pasteable counterexamples

    @model_validator(mode="after")
    def _shape(self) -> Entry:
        if self.kind == "class" and not self.name:
            raise ValueError("kind 'class' needs a class name in 'name'")
        if self.kind == "functions" and not self.functions:
            raise ValueError("kind 'functions' needs a list in 'functions'")
        return self


class Reference(_Strict):
    file: str
    title: str = "reference"
    idea: str = ""
    complexity: str = ""


class ComplexityCheck(_Strict):
    name: str
    description: str
    expected: str
    metric: Literal["time", "memory"] = "time"
    batch: int = Field(200, gt=0)  # calls per timed batch at most (calibrated down for slow calls)

    @model_validator(mode="after")
    def _known_class(self) -> ComplexityCheck:
        if self.expected not in COMPLEXITY_CLASSES:
            raise ValueError(f"expected must be one of {COMPLEXITY_CLASSES}, not {self.expected!r}")
        return self


class ComplexitySettings(_Strict):
    """Sizes and budget shared by all checks of a problem: one state per size serves them all."""

    sizes: list[int] = Field(min_length=2)
    rounds: int = Field(5, ge=3)  # rounds over every size before deciding (judge/profiling.py)
    extra_rounds: int = Field(5, ge=0)  # more rounds when a check fails or cannot be decided
    budget_seconds: float = Field(8.0, gt=0)  # sandbox CPU for building the states and the rounds
    checks: list[ComplexityCheck] = Field(min_length=1)

    @model_validator(mode="after")
    def _increasing(self) -> ComplexitySettings:
        if sorted(self.sizes) != self.sizes or len(set(self.sizes)) != len(self.sizes) or self.sizes[0] < 1:
            raise ValueError("sizes must be positive and strictly increasing")
        return self


class TestSettings(_Strict):
    max_examples: int = Field(300, gt=0)
    quick_examples: int = Field(60, gt=0)
    float_rel_tol: float = Field(1e-9, ge=0)
    float_abs_tol: float = Field(1e-12, ge=0)


class ProblemMeta(_Strict):
    title: str
    difficulty: Literal["easy", "medium", "hard"]
    summary: str
    entry: Entry
    references: list[Reference] = Field(min_length=1)
    suite: str = "suite.py"
    template: str = ""  # file under templates/; default <name>.py
    limits: dict[str, float] = {}
    tests: TestSettings = TestSettings()
    complexity: ComplexitySettings | None = None
    tags: list[str] = []
    parts: list[int] = [1]  # the parts a problem has; later parts add harder rules and input

    @model_validator(mode="after")
    def _limit_names(self) -> ProblemMeta:
        unknown = set(self.limits) - set(Limits.model_fields)
        if unknown:
            raise ValueError(f"unknown limit(s) {sorted(unknown)}; known: {sorted(Limits.model_fields)}")
        try:
            Limits(**self.limits)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ValueError(f"limit {first['loc'][0]}: {first['msg']}") from None
        return self


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


def write_stub(problem: Problem, language: Language, path: Path | None, *, force: bool = False) -> Path:
    """Copy the starter stub to `path` (default ./<problem><ext>; a folder gets the file inside it)."""
    default_name = f"{problem.name}{language.extensions[0]}"
    target = path or Path(default_name)
    if target.is_dir():
        target = target / default_name
    if target.exists() and not force:
        raise JudgeError(f"{target} already exists; use --force to overwrite it")
    source = problem.template_path(language)
    if not source.is_file():
        raise JudgeError(f"problem {problem.name!r} has no {language.display} starter stub at {source}")
    shutil.copyfile(source, target)
    return target


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


def validate_meta(path: Path, raw: dict[str, Any]) -> ProblemMeta:
    """problem.yaml's mapping as the model; the first invalid field is one error naming file and field."""
    try:
        return ProblemMeta.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise BadProblemPackage(f"{path}: field '{field}': {first['msg']}{more}") from exc


def all_problems() -> list[Problem]:
    return [load(name) for name in available()]


__all__ = ["Problem", "ProblemMeta", "all_problems", "available", "load", "load_meta", "problems_dir",
           "templates_dir", "validate_meta", "write_stub"]
