"""Docker: one hardened, throw-away container per run, driven over the engine's attach socket.

The container sees the runner image (Debian's python3 and sortedcontainers, nothing else), the
submission copy and the harness, both bound read-only, and a small private tmpfs on /tmp. It has
no network, a read-only root, no capabilities, no way to gain privileges, a non-root uid, the same
seccomp denylist as bwrap (seccomp.py), a memory limit with no swap beyond it, a pids limit, a CPU
quota, and the same rlimits the other backends set before exec (as engine ulimits), so SIGXCPU
still means "CPU time limit". The pieces: config.py (the container), engine.py (client and probe),
process.py (the Popen look-alike), cleanup.py (every exit path), image.py (`judge image`).
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from typing import cast

from judge.errors import SandboxUnavailable
from judge.models import Limits, Verdict
from judge.sandbox.base import Availability, Sandbox, SandboxFailure, Staging, Started, sandbox_solution
from judge.sandbox.docker import cleanup, engine
from judge.sandbox.docker.config import container_config, image_tag
from judge.sandbox.docker.process import ContainerProcess, socket_of

_swept = False


def _start_failed(exc: Exception, tag: str) -> SandboxUnavailable:
    """An engine error while starting becomes the one-line, fix-naming error choose() gives."""
    from docker.errors import ImageNotFound

    if isinstance(exc, ImageNotFound):
        return SandboxUnavailable(f"the runner image {tag} is missing; fix: judge image build")
    why = " ".join(str(getattr(exc, "explanation", None) or exc).split())[:300]
    return SandboxUnavailable(f"the Docker engine could not start the sandbox: {why}; fix: judge doctor")


class DockerSandbox(Sandbox):
    name = "docker"

    @classmethod
    def availability(cls) -> Availability:
        state = engine.probe()
        if not state.answered:
            return Availability(False, state.detail, state.fix)
        if state.image is None:
            return Availability(False, f"{state.detail} answers, but the image {state.tag} is missing",
                                "judge image build")
        mb = int(state.image.get("Size", 0)) // 1_000_000
        return Availability(True, f"{state.detail}, image {state.tag} ({mb} MB)")

    def start(self, staging: Staging, limits: Limits) -> Started:
        global _swept
        tag = image_tag()
        try:
            docker_client = engine.client()
        except Exception as exc:  # the engine went away since availability() said yes
            raise _start_failed(exc, tag) from exc
        if not _swept:
            _swept = True
            with contextlib.suppress(Exception):  # a failed sweep must never fail a run
                cleanup.sweep_stale()
        config = container_config(
            staging, limits, tag, owner=cleanup.owner(),
            expires=time.time() + limits.wall_seconds + cleanup.STALE_GRACE_SECONDS,
        )
        cleanup.arm()
        try:
            container = docker_client.containers.create(**config)
        except BaseException as exc:
            cleanup.disarm_if_idle()
            if isinstance(exc, Exception):
                raise _start_failed(exc, tag) from exc
            raise
        process: ContainerProcess | None = None
        try:
            # Attach before start, so not a byte of output can be missed.
            attached = docker_client.api.attach_socket(
                str(container.id), params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
            )
            sock = socket_of(attached)
            sock.settimeout(None)  # the client's request timeout must not cut a quiet run short
            process = ContainerProcess(container, sock, limits, on_remove=cleanup.untrack)
            cleanup.track(process)
            container.start()
            process.begin()
        except BaseException as exc:  # Ctrl-C included: never leave a created container behind
            if process is not None:
                process.remove()
            else:
                with contextlib.suppress(Exception):
                    container.remove(force=True)
                cleanup.disarm_if_idle()
            if isinstance(exc, Exception):
                raise _start_failed(exc, tag) from exc
            raise
        return Started(
            process=cast("subprocess.Popen[bytes]", process),  # duck-typed: see ContainerProcess
            solution_path=sandbox_solution(staging.language),
            cleanup=process.remove,
        )

    def kill(self, started: Started) -> None:
        process = cast(ContainerProcess, started.process)
        process.kill()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.remove()  # the engine did not confirm the kill: force-remove it outright

    def signal_name(self, returncode: int) -> str | None:
        # tini reports a child killed by signal N as exit status 128 + N (SIGKILL: 137).
        if returncode > 128:
            return super().signal_name(-(returncode - 128))
        return None

    def memory_failure(self, started: Started, limits: Limits, during: str = "") -> SandboxFailure | None:
        """The container's memory cgroup is the engine's: its OOM kill is in the container's State."""
        process = cast(ContainerProcess, started.process)
        if process.state().get("OOMKilled"):
            limit = f"memory {limits.memory_mb} MB"
            while_ = f" while {during}" if during else ""
            return SandboxFailure(Verdict.MEMORY_LIMIT_EXCEEDED,
                                  f"killed by the out-of-memory killer{while_}: over the {limit}", limit)
        return None

    def whole_run_limits(self, started: Started) -> bool:
        return True  # the container's own cgroups: memory and pids for the whole run

    def exit_failure(self, started: Started, code: int | None, limits: Limits,
                     during: str = "") -> SandboxFailure | None:
        """As the base, plus what only the engine knows: its OOM kill, and the wall-limit watchdog."""
        process = cast(ContainerProcess, started.process)
        oom = self.memory_failure(started, limits, during)
        if oom is not None or code is None:
            return oom
        if process.killed_at_wall:
            limit = f"wall time {limits.wall_seconds:g} s for the whole run"
            return SandboxFailure(Verdict.TIME_LIMIT_EXCEEDED, f"still running at the {limit}", limit)
        return super().exit_failure(started, code, limits, during)
