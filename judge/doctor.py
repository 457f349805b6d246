"""What `judge doctor` checks: which sandboxes work here, and the fix for each that does not."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from judge import sandbox
from judge.sandbox import cgroup, seccomp


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def checks() -> list[Check]:
    rows = [Check("python", sys.version_info >= (3, 11), f"Python {sys.version.split()[0]} at {sys.executable}",
                  "" if sys.version_info >= (3, 11) else "install Python 3.11 or newer")]
    for name, backend in sandbox.BACKENDS.items():
        status = backend.availability()
        rows.append(Check(f"sandbox {name}", status.ok, status.detail, status.fix))
    try:
        chosen = sandbox.choose("auto")
        rows.append(Check("sandbox auto", True, f"would use '{chosen.name}'"
                          + ("" if chosen.isolated else " (NOT isolated)")))
    except Exception as exc:
        rows.append(Check("sandbox auto", False, str(exc)))
    rows.append(_whole_run_limits())
    arch = seccomp.native()
    rows.append(Check("seccomp", arch is not None,
                      f"{len(seccomp.DENIED) + 2} system calls denied inside bwrap and docker ({arch.name})" if arch
                      else "no syscall table for this machine: bwrap is unavailable, docker keeps its default",
                      "" if arch else "use --sandbox docker"))
    rows += _node()
    try:
        import sortedcontainers  # noqa: F401

        rows.append(Check("sortedcontainers", True, "importable by submissions"))
    except ImportError:
        rows.append(Check("sortedcontainers", False, "not installed", "pip install sortedcontainers"))
    return rows


def _whole_run_limits() -> Check:
    """Whether bwrap and process runs get a cgroup: memory (tmpfs and memfd included) and processes
    counted for the whole sandbox, or per process only (RLIMIT_AS, RLIMIT_NPROC)."""
    found = cgroup.whole_run_limits()
    if {"memory", "pids"} <= found:
        return Check("whole-run limits", True, f"a cgroup per run: {', '.join(sorted(found))} for the whole sandbox")
    per_process = ", ".join(name for name in ("memory", "pids") if name not in found)
    return Check("whole-run limits", False,
                 f"no cgroup the judge may create for {per_process}: limited per process only "
                 "(RLIMIT_AS does not count tmpfs or memfd pages; several processes hold several limits)",
                 "run as root, or in a delegated cgroup v2 (systemd-run --user --scope -p Delegate=yes "
                 "judge ...); docker always has one")


def _node() -> list[Check]:
    """Node.js for JavaScript (and TypeScript) submissions: where it is, which version, the fix."""
    from judge.languages import javascript, typescript

    fix = "sudo apt-get install nodejs (or scripts/setup.sh, which does it where apt exists)"
    found = javascript._node_path()
    if found is None:
        return [Check("node", False, "not found: JavaScript submissions cannot be judged", fix),
                Check("typescript", False, "needs node", fix)]
    version = javascript._version(found)
    usable = javascript._host_runtime() is not None
    node = Check("node", usable, f"Node.js {version or '(no version: it did not run)'} at {found}"
                 + ("" if usable else f": JavaScript needs {javascript.MIN_MAJOR} or newer"), "" if usable else fix)
    need = ".".join(map(str, typescript.MIN_VERSION))
    strips = typescript.TypeScript().runtime() is not None
    ts = Check("typescript", strips,
               f".ts runs through node's type stripping (Node >= {need})" if strips
               else f"Node {version or '?'} has no type stripping: .ts needs Node >= {need} (.js runs)",
               "" if strips else f"install Node.js {need} or newer (https://nodejs.org)")
    return [node, ts]
