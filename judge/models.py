"""Typed verdicts and reports. The JSON output of `judge run --json` is `Report.model_dump_json()`."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    COMPLEXITY_FAILED = "complexity_failed"
    COMPILE_ERROR = "compile_error"
    INTERNAL_ERROR = "internal_error"

    @property
    def accepted(self) -> bool:
        return self is Verdict.ACCEPTED


class Limits(BaseModel):
    """Resource limits for one run. Per-problem values come from problem.yaml, CLI flags override."""

    cpu_seconds: float = Field(20.0, gt=0, description="CPU time for the whole run (RLIMIT_CPU)")
    wall_seconds: float = Field(60.0, gt=0, description="wall time for the whole run")
    call_seconds: float = Field(5.0, gt=0, description="wall time for one request (one test case)")
    memory_mb: int = Field(512, gt=16, description="address space (RLIMIT_AS / container memory)")
    processes: int = Field(32, gt=0, description="processes and threads (RLIMIT_NPROC / pids limit)")
    output_kb: int = Field(1024, gt=0, description="bytes the submission may print, stdout+stderr")
    file_mb: int = Field(16, gt=0, description="largest file the submission may write (RLIMIT_FSIZE)")


class StepResult(BaseModel):
    ok: bool
    value: Any = None
    error_type: str | None = None
    error: str | None = None
    traceback: str | None = None


class Counterexample(BaseModel):
    """A minimal failing case: pasteable code plus expected vs got at the first differing step."""

    code: str
    steps: int
    failing_step: int  # 0-based index into the case's steps
    call: str
    expected: str | None = None
    got: str | None = None
    traceback: str | None = None
    note: str | None = None


class ComplexityRow(BaseModel):
    name: str
    description: str
    metric: str = "time"  # "time" (seconds per op) or "memory" (bytes retained per op)
    expected: str
    observed: str  # a class name such as "O(log n)", or "undetermined"
    passed: bool
    determined: bool = True
    sizes: list[int] = []
    values: list[float] = []  # per-op cost at each size (seconds or bytes)
    ratio: float | None = None  # cost at the largest size / cost at the smallest
    detail: str = ""


class Timings(BaseModel):
    sandbox_start: float = 0.0
    tests: float = 0.0
    complexity: float = 0.0
    total: float = 0.0


class Report(BaseModel):
    verdict: Verdict
    problem: str
    part: int = 1
    submission: str
    sandbox: str
    sandbox_warning: str | None = None
    seed: int
    tests_run: int = 0
    tests_passed: int = 0
    tests_total: int = 0  # the cases the run was to have; a failure stops it at case tests_run of these
    message: str = ""
    limit: str | None = None  # which limit was hit, with its value, e.g. "wall time 5 s per call"
    counterexample: Counterexample | None = None
    complexity: list[ComplexityRow] = []
    stderr: str = ""  # what the submission printed (truncated)
    timings: Timings = Timings()
    quick: bool = False
    notes: list[str] = []

    @property
    def accepted(self) -> bool:
        return self.verdict.accepted
