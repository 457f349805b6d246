"""Sandbox backends by name, and the choice `--sandbox auto` makes."""

from __future__ import annotations

from judge.errors import SandboxUnavailable
from judge.sandbox.base import Availability, Sandbox, Staging, Started
from judge.sandbox.bwrap import BwrapSandbox
from judge.sandbox.docker import DockerSandbox
from judge.sandbox.process import ProcessSandbox

# `auto` takes the first that works here: bwrap (cheapest start, the default on Linux), then docker
# (where user namespaces are off, or not on Linux), then the unisolated process backend, which warns.
BACKENDS: dict[str, type[Sandbox]] = {
    "bwrap": BwrapSandbox,
    "docker": DockerSandbox,
    "process": ProcessSandbox,
}
AUTO_ORDER = ["bwrap", "docker", "process"]


def choose(name: str = "auto") -> Sandbox:
    if name == "auto":
        for candidate in AUTO_ORDER:
            if BACKENDS[candidate].availability().ok:
                return BACKENDS[candidate]()
        raise SandboxUnavailable("no sandbox works on this machine; run `judge doctor`")
    if name not in BACKENDS:
        raise SandboxUnavailable(f"unknown sandbox {name!r}; choose one of auto, {', '.join(BACKENDS)}")
    backend = BACKENDS[name]
    status = backend.availability()
    if not status.ok:
        raise SandboxUnavailable(f"sandbox {name!r} does not work here: {status.detail}; fix: {status.fix}")
    return backend()


__all__ = ["AUTO_ORDER", "BACKENDS", "Availability", "Sandbox", "Staging", "Started", "choose"]
