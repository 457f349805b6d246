"""The history's records as pydantic models: an attempt as judged and a mock session as stored.

Apart from judge.history so that `judge history` and `judge stats`, which list rows, never build them:
pydantic costs more than those commands may take (issue 12). Everything that records or reads one
attempt in full (judge run, mock sessions, compare, `--json`) uses these.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from judge.models import ComplexityRow, Verdict


class Attempt(BaseModel):
    id: int | None = None  # None until recorded
    created_at: datetime
    problem: str
    part: int = 1
    language: str = "python"  # what the file was judged as (a Language's name)
    verdict: Verdict
    seconds: float  # time to verdict: the judge's wall time for the whole run
    sandbox: str
    full: bool  # all cases and the complexity checks ran: only a full accepted run counts as solved
    submission: str = ""  # the path judged, as given
    seed: int = 0
    tests_run: int = 0
    tests_passed: int = 0
    message: str = ""
    code_sha256: str
    code: str | None = None  # None in listings, which leave the code out
    complexity: list[ComplexityRow] = []
    session_id: str | None = None
    late: bool = False  # judged after its mock session's deadline (or after the session ended)
    final: bool = False  # the full judge taken when a mock session ended, not a run of the user's

    @property
    def accepted(self) -> bool:
        return self.verdict.accepted

    @property
    def solved(self) -> bool:
        return self.verdict.accepted and self.full


class SessionRecord(BaseModel):
    """A mock session as stored. The logic around it (stubs, markers, final verdicts) is in sessions."""

    id: str
    started_at: datetime
    deadline: datetime
    minutes: float
    problems: list[str]
    folder: str
    ended_at: datetime | None = None
    end_reason: str | None = None  # "time", "user" or "command"
    progressive: bool = False  # one problem, its parts opened one after another (judge mock --progressive)
    language: str = "python"  # the stubs' language (a Language's name)

    @property
    def ended(self) -> bool:
        return self.ended_at is not None
