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


class ClassEntry(_Strict):
    """A class a part adds beside the entry's own (KeyedLimiter next to TokenBucket): its cases
    construct it with the step `new:<name>`."""

    name: str
    methods: list[str] = []
    instance: str = "obj"  # the variable name used in pasteable counterexamples


class Entry(_Strict):
    kind: Literal["class", "functions"]
    name: str = ""  # the class, for kind "class"
    methods: list[str] = []
    functions: list[str] = []
    instance: str = "obj"  # the variable name used in pasteable counterexamples
    classes: list[ClassEntry] = []  # more classes, added by later parts

    def instance_of(self, call: str) -> str:
        """The variable a `new` / `new:<class>` step assigns in a pasteable case."""
        name = call.partition(":")[2]
        return next((c.instance for c in self.classes if c.name == name), self.instance)

    def grown(self, add: EntryAdd) -> Entry:
        """This entry with a part's additions: names only ever join, so earlier cases still run."""
        classes = [c.model_copy(deep=True) for c in self.classes]
        for extra in add.classes:
            known = next((c for c in classes if c.name == extra.name), None)
            if known is None:
                classes.append(extra.model_copy(deep=True))
            else:
                known.methods += [m for m in extra.methods if m not in known.methods]
        return self.model_copy(update={
            "methods": self.methods + [m for m in add.methods if m not in self.methods],
            "functions": self.functions + [f for f in add.functions if f not in self.functions],
            "classes": classes,
        })


class Reference(_Strict):
    file: str
    title: str = "reference"
    idea: str = ""
    complexity: str = ""


class EntryAdd(_Strict):
    """What a part adds to the entry: methods of the main class, module functions, classes (or
    methods of a class an earlier part added)."""

    methods: list[str] = []
    functions: list[str] = []
    classes: list[ClassEntry] = []


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


class Part(_Strict):
    """Part n >= 2 of a problem: the same solution file grows (entries only gain names), and the
    part's suite runs its own cases plus every earlier part's. The judge reads the part as a
    whole problem of its own: see Problem.at()."""

    n: int = Field(ge=2)
    title: str
    spec: str  # the part's spec, a file in the problem folder
    suite: str
    references: list[Reference] = []
    reference: str = ""  # shorthand for one reference file
    entry_add: EntryAdd = EntryAdd()
    complexity: ComplexitySettings | None = None  # every check the part is judged on; none if absent
    tests: TestSettings | None = None  # part 1's when absent
    limits: dict[str, float] = {}  # on top of part 1's

    @model_validator(mode="after")
    def _one_reference(self) -> Part:
        if self.reference and not self.references:
            self.references = [Reference(file=self.reference)]
        if not self.references:
            raise ValueError("a part needs 'references' (or 'reference': one file)")
        return self


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
    part_title: str = ""  # what part 1 is called once there are more parts
    parts: list[Part] = []  # parts 2, 3, ...: the same file grows, each part's suite keeps the earlier ones'

    @property
    def part_numbers(self) -> list[int]:
        return [1] + [p.n for p in self.parts]

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
        numbers = [p.n for p in self.parts]
        if numbers != list(range(2, len(numbers) + 2)):
            raise ValueError(f"parts must be numbered 2, 3, ... in order, not {numbers}")
        for part in self.parts:
            unknown = set(part.limits) - set(Limits.model_fields)
            if unknown:
                raise ValueError(f"part {part.n}: unknown limit(s) {sorted(unknown)}")
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
