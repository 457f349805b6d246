"""One error tree for everything a user can act on.

Library code raises these; the CLI catches `JudgeError` at the edge and prints its message as one line
with `exit_code`. Anything else escaping is a bug and is reported as an internal error.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ACCEPTED = 0
    NOT_ACCEPTED = 1
    USAGE = 2
    INTERNAL = 3


class JudgeError(Exception):
    """An error the user can fix; the message names the fix."""

    exit_code: ExitCode = ExitCode.USAGE


class UnknownProblem(JudgeError):
    pass


class BadProblemPackage(JudgeError):
    pass


class SubmissionNotFound(JudgeError):
    pass


class SandboxUnavailable(JudgeError):
    """The chosen sandbox cannot work on this machine."""


class StoreError(JudgeError):
    pass


class PartLocked(JudgeError):
    """`judge show --part N` before part N-1 is solved: the message says how to unlock it (or --peek)."""


class CompareLocked(JudgeError):
    """`judge compare` before the problem is solved: the message says how to unlock it (or --spoil)."""
