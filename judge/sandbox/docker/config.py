"""The container a run gets, as the keyword arguments of `client.containers.create`: a pure
function of the staging, the limits and the image, so the tests can inspect every hardening setting.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from judge import __version__
from judge.models import Limits
from judge.sandbox import seccomp
from judge.sandbox.base import SANDBOX_JUDGE, Staging, clean_env, sandbox_solution

LABEL = "judge"  # every container this backend creates carries judge=1
LABEL_OWNER = "judge.owner"  # "<hostname>:<pid>" of the judge process that created it
LABEL_EXPIRES = "judge.expires"  # unix time after which the container is certainly stale
SANDBOX_USER = "65534:65534"  # nobody:nogroup, present in Debian's base passwd
IMAGE_REPOSITORY = "judge-runner"


def image_tag() -> str:
    """The runner image a run uses: tagged with the judge's version, so an upgrade rebuilds it.
    JUDGE_DOCKER_IMAGE overrides it (a locally built variant, a CI cache)."""
    return os.environ.get("JUDGE_DOCKER_IMAGE") or f"{IMAGE_REPOSITORY}:{__version__}"


def tmpfs_mb(limits: Limits) -> int:
    # Small: tmpfs pages are charged to the container's memory cgroup. The largest file a
    # submission may write is file_mb anyway (RLIMIT_FSIZE).
    return max(1, min(limits.file_mb, 64))


def container_config(staging: Staging, limits: Limits, image: str, *, owner: str = "",
                     expires: float = 0.0) -> dict[str, Any]:
    """The keyword arguments for `client.containers.create`: every hardening setting is here."""
    from docker.types import LogConfig, Mount, Ulimit

    language = staging.language
    cpu_s = max(1, int(limits.cpu_seconds + 0.999))
    fsize = limits.file_mb * 1024 * 1024
    memory = f"{limits.memory_mb}m"
    security = ["no-new-privileges"]
    if seccomp.native() is not None:
        # Replaces the engine's default profile, which allows ptrace and (before Engine 25) io_uring.
        security.append(f"seccomp={seccomp.docker_profile()}")
    return {
        "image": image,
        # The image's own interpreter; the runtime's packages are where the image keeps them.
        "command": language.argv(language.image_executable, SANDBOX_JUDGE),
        "name": f"judge-{os.getpid()}-{uuid.uuid4().hex[:10]}",
        "labels": {LABEL: "1", LABEL_OWNER: owner, LABEL_EXPIRES: str(int(expires))},
        # The protocol pipe: stdin stays open for the whole run; no TTY, so stdout and stderr stay
        # apart (a TTY would also turn detach keys on).
        "stdin_open": True,
        "tty": False,
        "user": SANDBOX_USER,
        "working_dir": "/tmp",
        "hostname": "sandbox",
        # Explicit and minimal: nothing of the judge's environment (tokens, keys) reaches inside.
        # No JUDGE_NPROC: pids_limit below counts the container's processes without RLIMIT_NPROC,
        # which would count every process of uid 65534 on the host.
        "environment": clean_env(language.env(language.image_site)),
        "network_mode": "none",  # only a loopback interface
        "read_only": True,
        "tmpfs": {"/tmp": f"rw,noexec,nosuid,nodev,size={tmpfs_mb(limits)}m,mode=1777"},
        "ipc_mode": "none",  # no /dev/shm: another writable tmpfs nobody needs
        "mem_limit": memory,
        "memswap_limit": memory,  # equal to mem_limit: no swap on top, where the host has any
        # +1: tini, the container's PID 1, counts against the limit too.
        "pids_limit": limits.processes + 1,
        "nano_cpus": 1_000_000_000,  # one CPU: the same budget a single-threaded run has under bwrap
        "cap_drop": ["ALL"],
        "security_opt": security,
        # The rlimits bwrap/process set before exec (launch.rlimits_preexec); the engine applies
        # them to PID 1 and everything inherits them. Soft CPU first, so SIGXCPU names the CPU limit.
        # RLIMIT_AS is not offered by the engine; the memory cgroup above is the memory limit.
        "ulimits": [
            Ulimit(name="cpu", soft=cpu_s, hard=cpu_s + 1),
            Ulimit(name="fsize", soft=fsize, hard=fsize),
            Ulimit(name="nofile", soft=256, hard=256),
            Ulimit(name="core", soft=0, hard=0),
        ],
        # Nothing of the host but these two, read-only.
        "mounts": [
            Mount(target=sandbox_solution(language), source=str(staging.solution), type="bind", read_only=True),
            Mount(target=SANDBOX_JUDGE, source=str(staging.judge_dir), type="bind", read_only=True),
        ],
        # tini as PID 1: signals are delivered, and a child killed by signal N becomes exit 128+N.
        "init": True,
        # The attach socket streams the output; the default json-file driver would also keep every
        # byte of it on the host's disk until the container is removed.
        "log_config": LogConfig(type="none"),
    }
