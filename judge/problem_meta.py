"""The schema of problem.yaml: pydantic models, and one error naming the file and the first bad field.

Apart from judge.problems (which loads whole packages) so that the light catalog (judge list, show,
start) can validate a problem.yaml without importing the suite machinery, and without a cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from judge.complexity import ORDER
from judge.errors import BadProblemPackage
from judge.models import Limits

COMPLEXITY_CLASSES = ORDER  # the classes complexity fits, in order


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



def validate_meta(path: Path, raw: dict[str, Any]) -> ProblemMeta:
    """problem.yaml's mapping as the model; the first invalid field is one error naming file and field."""
    try:
        return ProblemMeta.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise BadProblemPackage(f"{path}: field '{field}': {first['msg']}{more}") from exc
