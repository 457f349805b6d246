"""The judge's side of the pipe: start a sandbox, load the submission, send requests, name failures.

Every way the sandboxed process can stop answering is turned into a `SandboxFailure` that names the
limit it hit (with its value), so callers map it straight to a verdict.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge import protocol
from judge.models import Limits, Verdict
from judge.sandbox import Sandbox, Staging, Started

_HARNESS_FILES = ("harness.py", "protocol.py")
_STDERR_KEEP = 16 * 1024


@dataclass
class SandboxFailure(Exception):
    verdict: Verdict
    message: str
    limit: str | None = None

    def __str__(self) -> str:
        return self.message


class _StderrPump(threading.Thread):
    """Drains the submission's output so it can never block on a full pipe; trips at the output cap."""

    def __init__(self, stream: Any, cap: int, on_flood: Any) -> None:
        super().__init__(daemon=True)
        self.stream, self.cap, self.on_flood = stream, cap, on_flood
        self.kept = bytearray()
        self.total = 0
        self.flooded = False

    def run(self) -> None:
        while True:
            chunk = self.stream.read1(65536) if hasattr(self.stream, "read1") else self.stream.read(65536)
            if not chunk:
                return
            self.total += len(chunk)
            if len(self.kept) < _STDERR_KEEP:
                self.kept += chunk[: _STDERR_KEEP - len(self.kept)]
            if self.total > self.cap and not self.flooded:
                self.flooded = True
                self.on_flood()

    def text(self) -> str:
        text = self.kept.decode("utf-8", errors="replace")
        return text + ("\n[... output truncated]" if self.total > len(self.kept) else "")


class Runner:
    """One sandboxed harness serving every request of one judge run."""

    def __init__(self, sandbox: Sandbox, submission: Path, limits: Limits, entry: dict[str, Any]) -> None:
        self.sandbox, self.limits, self.entry = sandbox, limits, entry
        self.submission = submission
        self._tmp = Path(tempfile.mkdtemp(prefix="judge-"))
        self._started: Started | None = None
        self._replies: queue.Queue[dict[str, Any] | None | Exception] = queue.Queue()
        self._pump: _StderrPump | None = None
        self._deadline = 0.0
        self.start_seconds = 0.0
        self.python = ""

    # -- lifecycle -----------------------------------------------------------------------------
    def _stage(self) -> Staging:
        self._tmp.chmod(0o755)  # the sandbox may run as another uid and must read the copies
        judge_dir = self._tmp / "judge"
        judge_dir.mkdir(mode=0o755)
        here = Path(__file__).parent
        for name in _HARNESS_FILES:
            shutil.copyfile(here / name, judge_dir / name)
            (judge_dir / name).chmod(0o644)
        solution = self._tmp / "solution.py"
        # A copy, not the user's path: a symlink cannot point the sandbox elsewhere, and edits made
        # while the run is going on do not change what is being judged.
        solution.write_bytes(self.submission.read_bytes())
        solution.chmod(0o644)
        scratch = self._tmp / "scratch"
        scratch.mkdir(mode=0o777)
        return Staging(root=self._tmp, solution=solution, judge_dir=judge_dir, scratch=scratch)

    def start(self) -> dict[str, Any]:
        """Start the sandbox and load the submission; returns the harness's load reply."""
        began = time.perf_counter()
        self._deadline = time.monotonic() + self.limits.wall_seconds
        staging = self._stage()
        self._started = self.sandbox.start(staging, self.limits)
        process = self._started.process
        self._pump = _StderrPump(process.stderr, self.limits.output_kb * 1024, self._kill)
        self._pump.start()
        threading.Thread(target=self._read_replies, args=(process.stdout,), daemon=True).start()
        reply = self.request(
            {"op": "load", "path": self._started.solution_path, "entry": self.entry},
            timeout=max(self.limits.call_seconds, 10.0),
            what="loading your file",
        )
        self.start_seconds = time.perf_counter() - began
        self.python = str(reply.get("python", ""))
        return reply

    def _read_replies(self, stream: Any) -> None:
        try:
            while True:
                message = protocol.read_message(stream)
                self._replies.put(message)
                if message is None:
                    return
        except Exception as exc:  # malformed output on the protocol pipe
            self._replies.put(exc)

    def _kill(self) -> None:
        if self._started is not None:
            self.sandbox.kill(self._started)

    def close(self) -> None:
        if self._started is not None:
            process = self._started.process
            if process.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    protocol.write_message(process.stdin, {"op": "exit"})
                try:
                    process.wait(timeout=0.5)
                except Exception:
                    pass
            self.sandbox.kill(self._started)
            if callable(self._started.cleanup):
                self._started.cleanup()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def output(self) -> str:
        return self._pump.text() if self._pump else ""

    # -- requests ------------------------------------------------------------------------------
    def request(self, message: dict[str, Any], timeout: float | None = None, what: str = "") -> dict[str, Any]:
        assert self._started is not None, "start() first"
        process = self._started.process
        wait = min(timeout or self.limits.call_seconds, max(0.0, self._deadline - time.monotonic()))
        try:
            protocol.write_message(process.stdin, message)
        except (BrokenPipeError, OSError, ValueError):
            pass  # the process is gone; the reply queue says how
        try:
            reply = self._replies.get(timeout=wait)
        except queue.Empty:
            self._kill()
            whole_run = time.monotonic() >= self._deadline
            limit = (
                f"wall time {self.limits.wall_seconds:g} s for the whole run"
                if whole_run
                else f"wall time {timeout or self.limits.call_seconds:g} s per call"
            )
            raise SandboxFailure(
                Verdict.TIME_LIMIT_EXCEEDED, f"no answer within the {limit}{_while(what)}", limit
            ) from None
        if isinstance(reply, Exception):
            self._kill()
            raise SandboxFailure(
                Verdict.RUNTIME_ERROR,
                "the submission wrote into the judge's protocol channel (closed or replaced its pipes)",
            )
        if reply is None:
            raise self._death(what)
        if reply.get("status") == "memory":
            self._kill()
            limit = f"memory {self.limits.memory_mb} MB"
            raise SandboxFailure(Verdict.MEMORY_LIMIT_EXCEEDED, f"MemoryError{_while(what)}: over the {limit}", limit)
        return reply

    def _death(self, what: str) -> SandboxFailure:
        """The protocol pipe closed: work out from the exit status and the pump why."""
        assert self._started is not None
        process = self._started.process
        try:
            code = process.wait(timeout=5)
        except Exception:
            self._kill()
            code = process.wait()
        if self._pump is not None:
            self._pump.join(timeout=2)
        if self._pump is not None and self._pump.flooded:
            limit = f"output {self.limits.output_kb} KB"
            return SandboxFailure(Verdict.OUTPUT_LIMIT_EXCEEDED, f"printed more than the {limit} limit", limit)
        signame = self.sandbox.signal_name(code)
        if signame in ("SIGXCPU",):
            limit = f"CPU time {self.limits.cpu_seconds:g} s"
            return SandboxFailure(Verdict.TIME_LIMIT_EXCEEDED, f"used up the {limit}{_while(what)}", limit)
        verdict_for = getattr(self.sandbox, "verdict_for_exit", None)
        if callable(verdict_for):
            failure = verdict_for(self._started, code, self.limits)
            if failure is not None:
                return failure
        if signame == "SIGKILL":
            return SandboxFailure(
                Verdict.RUNTIME_ERROR,
                f"the process was killed (SIGKILL){_while(what)}: CPU hard limit "
                f"{self.limits.cpu_seconds:g} s or memory {self.limits.memory_mb} MB",
            )
        if signame:
            return SandboxFailure(Verdict.RUNTIME_ERROR, f"the process crashed with {signame}{_while(what)}")
        return SandboxFailure(Verdict.RUNTIME_ERROR, f"the process exited with status {code}{_while(what)}")


def _while(what: str) -> str:
    return f" while {what}" if what else ""
