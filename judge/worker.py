"""The one interface the judging code drives: something that loads a submission and answers requests.

`run_suite`, `run_checks` and `judge_file` take a `Worker`, so the decision code (comparison,
shrinking, complexity fitting) can be exercised without starting a sandbox. The sandboxed
`runner.Runner` is the only worker that ever judges a user's file; `inprocess.InProcessWorker`
exists for the judge's own tests and benchmarks and is never selectable with `--sandbox`.
"""

from __future__ import annotations

from typing import Any, Protocol

from judge.models import Limits


class Worker(Protocol):
    """Requests and replies are protocol messages (docs/protocol.md); failures to answer raise
    `sandbox.base.SandboxFailure`, which names the verdict and the limit."""

    limits: Limits
    start_seconds: float

    def start(self) -> dict[str, Any]:
        """Load the submission; returns the harness's load reply (status ready / compile_error / ...)."""
        ...

    def request(self, message: dict[str, Any], timeout: float | None = None, what: str = "") -> dict[str, Any]:
        """Send one request (run, measure, probe) and return its validated reply."""
        ...

    @property
    def output(self) -> str:
        """What the submission printed so far (capped)."""
        ...

    def notes(self) -> list[str]:
        """What the report should say about how the run was contained (limits per process, say)."""
        ...

    def cpu_seconds(self) -> float | None:
        """CPU time the worker used so far, measured where the submission cannot fake it; None if unknown."""
        ...

    def close(self) -> None: ...
