"""A Worker that calls the harness code directly, in the judge's own process: tests and benchmarks only.

It runs the submission unsandboxed, so it must never judge a user's file: no CLI flag selects it.
Every request and reply still goes through the wire encoding (one JSON round trip), so what the
decision code sees is what it would see from a sandbox.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from judge.harness import Harness
from judge.models import Limits
from judge.submission import Submission


class InProcessWorker:
    def __init__(self, path: Path, entry: dict[str, Any], limits: Limits | None = None) -> None:
        self.path, self.entry = path, entry
        self.limits = limits or Limits()
        self.harness = Harness()
        self.start_seconds = 0.0

    @classmethod
    def opener(cls, submission: Submission, limits: Limits, entry: dict[str, Any]) -> InProcessWorker:
        """For `judge_file(..., open_worker=InProcessWorker.opener)`."""
        return cls(submission.path, entry, limits)

    def start(self) -> dict[str, Any]:
        began = time.perf_counter()
        reply = self.harness.load({"path": str(self.path), "entry": self.entry})
        self.start_seconds = time.perf_counter() - began
        return _wire(reply)

    def request(self, message: dict[str, Any], timeout: float | None = None, what: str = "") -> dict[str, Any]:
        message = _wire(message)
        handlers = {"run": self.harness.run, "measure": self.harness.measure}
        handler = handlers.get(message.get("op", ""))
        return _wire(handler(message)) if handler else {"status": "bad_request"}

    @property
    def output(self) -> str:
        return ""

    def notes(self) -> list[str]:
        return ["judged in-process, unsandboxed: the judge's own tests and benchmarks only"]

    def cpu_seconds(self) -> float | None:
        return time.thread_time()

    def close(self) -> None:
        self.harness.forget()

    def __enter__(self) -> InProcessWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _wire(message: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(json.dumps(message, separators=(",", ":")))
    return decoded
