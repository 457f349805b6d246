"""The judge's side of the pipe: start a sandbox, load the submission, send requests, name failures.

Every way the sandboxed process can stop answering is turned into a `SandboxFailure` that names the
limit it hit (with its value), so callers map it straight to a verdict.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from judge import protocol, replies
from judge.models import Limits, Verdict
from judge.sandbox.base import Sandbox, SandboxFailure, Staging, Started, descendants
from judge.sandbox.reaping import reap
from judge.sandbox.sweep import sweep_dead_owners
from judge.submission import Submission

_STDERR_KEEP = 16 * 1024
_STDERR_TAIL = 4 * 1024
# After the protocol pipe closes, how long the sandbox may take to exit before the judge concludes
# the submission closed the pipe itself and is still running.
_EXIT_GRACE = 2.0


class _StderrPump(threading.Thread):
    """Drains the submission's output so it can never block on a full pipe; trips at the output cap."""

    def __init__(self, stream: Any, cap: int, on_flood: Any) -> None:
        super().__init__(daemon=True)
        self.stream, self.cap, self.on_flood = stream, cap, on_flood
        self.kept = bytearray()
        self.tail = bytearray()  # the last bytes too: a runtime's dying words come after the user's output
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
            self.tail = (self.tail + chunk)[-_STDERR_TAIL:]
            if self.total > self.cap and not self.flooded:
                self.flooded = True
                # Kill from another thread and keep draining: killing can wait for the output to be
                # drained (the Docker engine does), and this thread is the only one draining it.
                threading.Thread(target=self.on_flood, daemon=True).start()

    def text(self) -> str:
        text = self.kept.decode("utf-8", errors="replace")
        return text + ("\n[... output truncated]" if self.total > len(self.kept) else "")


class Runner:
    """One sandboxed harness serving every request of one judge run."""

    def __init__(self, sandbox: Sandbox, submission: Submission, limits: Limits, entry: dict[str, Any]) -> None:
        self.sandbox, self.limits, self.entry = sandbox, limits, entry
        self.submission = submission
        self.language = submission.language
        _sweep_staging()
        # judge-<pid>-...: a judge killed outright cannot clean up; the next one removes it.
        self._tmp = Path(tempfile.mkdtemp(prefix=f"judge-{os.getpid()}-"))
        self._started: Started | None = None
        self._replies: queue.Queue[dict[str, Any] | Exception | None] = queue.Queue()
        # Every request carries a fresh id the reply must echo: a line the submission writes into
        # the protocol pipe itself (it runs in the harness's process) then fails the check.
        self._nonce = secrets.token_hex(8)
        self._ids = itertools.count(1)
        self._pump: _StderrPump | None = None
        self._deadline = 0.0
        self.start_seconds = 0.0

    # -- lifecycle -----------------------------------------------------------------------------
    def _stage(self) -> Staging:
        self._tmp.chmod(0o755)  # the sandbox may run as another uid and must read the copies
        judge_dir = self._tmp / "judge"
        judge_dir.mkdir(mode=0o755)
        solution = self._tmp / self.language.solution_file
        # The bytes read once, not the user's path: a symlink cannot point the sandbox elsewhere, and
        # edits made while the run is going on do not change what is judged (or what history records).
        solution.write_bytes(self.submission.data)
        solution.chmod(0o644)
        scratch = self._tmp / "scratch"
        scratch.mkdir(mode=0o777)
        staging = Staging(root=self._tmp, solution=solution, judge_dir=judge_dir, scratch=scratch,
                          language=self.language)
        staging.add_harness_files(self.language.harness_files)
        return staging

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
            # Known now, while they are alive: the sandbox's inner processes, which an adopting judge
            # (judge.sandbox.reaping) reaps by pid once they are handed to it.
            inner = [pid for pid in descendants(process.pid) if pid != process.pid] if process.poll() is None else []
            if process.poll() is None and process.stdin is not None:
                with contextlib.suppress(OSError, ValueError):
                    protocol.write_message(process.stdin, {"op": "exit"})
                with contextlib.suppress(Exception):
                    process.wait(timeout=0.5)
            self.sandbox.kill(self._started)
            if self._pump is not None:
                self._pump.join(timeout=1.0)  # what was printed before the end is the user's to see
            if callable(self._started.cleanup):
                self._started.cleanup()
            reap(inner)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def notes(self) -> list[str]:
        """What the report should say about how this run was contained."""
        if self._started is None or self.sandbox.whole_run_limits(self._started):
            return []
        return [f"memory ({self.limits.memory_mb} MB) and processes ({self.limits.processes}) are limited per "
                "process here, not for the run as a whole: the judge could create no cgroup (run `judge doctor`)"]

    def cpu_seconds(self) -> float | None:
        """CPU time the sandbox used so far, measured from outside it; None where it cannot be read."""
        return self.sandbox.cpu_seconds(self._started) if self._started is not None else None

    @property
    def output(self) -> str:
        return self._pump.text() if self._pump else ""

    # -- requests ------------------------------------------------------------------------------
    def request(self, message: dict[str, Any], timeout: float | None = None,
                what: str = "") -> dict[str, Any]:
        assert self._started is not None, "start() first"
        process = self._started.process
        wait = min(timeout or self.limits.call_seconds, max(0.0, self._deadline - time.monotonic()))
        request_id = f"{self._nonce}-{next(self._ids)}"
        assert process.stdin is not None, "backends start the harness with a stdin pipe"
        message = self.language.wire_request(message)  # the problem's names in the language's spelling
        with contextlib.suppress(OSError, ValueError):  # the process is gone; the reply queue says how
            protocol.write_message(process.stdin, {**message, "id": request_id})
        until = time.monotonic() + wait
        busy: int | None = None  # the call of a case the harness last said was running
        while True:
            try:
                reply = self._replies.get(timeout=max(0.0, until - time.monotonic()))
            except queue.Empty:
                self._kill()
                # A run stuck at its memory limit (thrashing in the cgroup's reclaim) stops answering:
                # that is the memory limit, not the time limit, when the cgroup says it was reached.
                memory = self.sandbox.exit_failure(self._started, None, self.limits, what)
                if memory is not None:
                    raise memory from None
                whole_run = time.monotonic() >= self._deadline
                limit = (
                    f"wall time {self.limits.wall_seconds:g} s for the whole run"
                    if whole_run
                    else f"wall time {timeout or self.limits.call_seconds:g} s per call"
                )
                raise SandboxFailure(
                    Verdict.TIME_LIMIT_EXCEEDED, f"no answer within the {limit}{_while(what)}", limit, step=busy
                ) from None
            step = _busy_step(reply, request_id, message)
            if step is None:
                break
            busy = step
        if reply is None:
            death = self._death(what)
            if death.verdict is Verdict.TIME_LIMIT_EXCEEDED:  # the CPU limit: the call running then
                death.step = busy
            raise death
        if isinstance(reply, Exception) or reply.get("id") != request_id:
            # Never believed: whatever the line says (a forged reply, a forged verdict), the
            # submission has written into the judge's protocol channel.
            self._kill()
            raise SandboxFailure(
                Verdict.RUNTIME_ERROR,
                f"the submission wrote into the judge's protocol channel{_while(what)} "
                "(it must not write to the harness's pipes, close or replace them)",
            )
        if reply.get("status") == "memory":
            self._kill()
            limit = f"memory {self.limits.memory_mb} MB"
            raise SandboxFailure(
                Verdict.MEMORY_LIMIT_EXCEEDED, f"MemoryError{_while(what)}: over the {limit}", limit
            )
        if self._pump is not None and self._pump.flooded:  # tripped just after the reply was written
            raise self._flood()
        try:
            reply = replies.check(str(message.get("op", "")), reply)
        except replies.BadReply as bad:  # the submission's doing: a runtime_error naming it
            self._kill()
            raise replies.BadReply(f"{bad.message}{_while(what)}") from None
        file_error = _file_size_error(reply)
        if file_error is not None:
            limit = f"file size {self.limits.file_mb} MB"
            raise SandboxFailure(
                Verdict.RUNTIME_ERROR,
                f"{file_error}{_while(what)}: a file written went over the {limit} limit", limit,
            )
        return reply

    def _flood(self) -> SandboxFailure:
        self._kill()
        limit = f"output {self.limits.output_kb} KB"
        return SandboxFailure(
            Verdict.OUTPUT_LIMIT_EXCEEDED, f"printed more than the {limit} limit (stdout and stderr)", limit
        )

    def _death(self, what: str) -> SandboxFailure:
        """The protocol pipe closed: work out from the exit status and the pump why."""
        assert self._started is not None
        process = self._started.process
        try:
            code = process.wait(timeout=_EXIT_GRACE)
        except subprocess.TimeoutExpired:
            code = None
        if self._pump is not None:
            # Short: a process the submission left behind may hold the output pipe open until the
            # sandbox is killed (close() does that); what was printed so far is enough here.
            self._pump.join(timeout=0.5 if code is not None else 0.0)
        if self._pump is not None and self._pump.flooded:
            return self._flood()
        if code is None:
            self._kill()
            return SandboxFailure(
                Verdict.RUNTIME_ERROR,
                f"the submission closed the judge's protocol pipe{_while(what)} and kept running",
            )
        tail = self._pump.tail.decode("utf-8", errors="replace") if self._pump is not None else ""
        if self.language.memory_exhausted(code, tail):  # a runtime's own heap cap (node's --max-old-space-size)
            limit = f"memory {self.limits.memory_mb} MB"
            return SandboxFailure(Verdict.MEMORY_LIMIT_EXCEEDED, f"ran out of memory{_while(what)}: over the {limit}",
                                  limit)
        failure = self.sandbox.exit_failure(self._started, code, self.limits, what)
        assert failure is not None  # with an exit status there is always one
        return failure


def _busy_step(reply: Any, request_id: str, message: dict[str, Any]) -> int | None:
    """The step of a `busy` line for this request (the harness saying which call of a case is running),
    or None for any other line. Believed only to name a call in a time-limit report: a forged one can
    misname the call, never change a verdict. A step outside the case is no busy line (a forgery)."""
    if not isinstance(reply, dict) or reply.get("status") != "busy" or reply.get("id") != request_id:
        return None
    step, steps = reply.get("step"), message.get("steps")
    if type(step) is not int or not isinstance(steps, list) or not 0 <= step < len(steps):
        return None
    return step


def _while(what: str) -> str:
    return f" while {what}" if what else ""


def _sweep_staging() -> None:
    """Remove the staging directories of judges that died without cleaning up."""
    sweep_dead_owners(Path(tempfile.gettempdir()).glob("judge-*-*"), _remove_tree)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)



def _file_size_error(reply: dict[str, Any]) -> str | None:
    """The error text if the harness tagged a failure as RLIMIT_FSIZE's (OSError EFBIG)."""
    errors = [reply, reply.get("error"), *(reply.get("results") or [])]
    for error in errors:
        if isinstance(error, dict) and error.get("limit") == "file_size":
            return f"{error.get('error_type', 'OSError')}: {error.get('error', '')}"
    return None
