"""What `judge doctor` checks: which sandboxes work here, and the fix for each that does not."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from judge import sandbox


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
    try:
        import sortedcontainers  # noqa: F401

        rows.append(Check("sortedcontainers", True, "importable by submissions"))
    except ImportError:
        rows.append(Check("sortedcontainers", False, "not installed", "pip install sortedcontainers"))
    return rows
