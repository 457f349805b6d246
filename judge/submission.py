"""The submission, read once: the bytes that are staged into the sandbox are the bytes hashed and
recorded in the history, whatever happens to the file while the run is going on."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from judge import languages
from judge.errors import SubmissionNotFound
from judge.languages import Language

MAX_SUBMISSION_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Submission:
    path: Path  # as the user named it
    data: bytes
    sha256: str
    language: Language
    read_at: datetime  # when judging began: what a mock session's deadline is checked against

    @property
    def code(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    @classmethod
    def read(cls, path: Path, language: Language | None = None) -> Submission:
        """Check and read the file before any sandbox starts, so a typo costs one clear line and no time."""
        language = language or languages.for_path(path)
        if not path.exists():
            dangling = " (a symlink to a missing file)" if path.is_symlink() else ""
            raise SubmissionNotFound(f"no such file: {path}{dangling} (write one with `judge start PROBLEM`)")
        if path.is_dir():
            raise SubmissionNotFound(f"{path} is a directory, not a solution file")
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise SubmissionNotFound(f"cannot read {path}: {exc.strerror}") from exc
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO would block for ever, a device never end
                raise SubmissionNotFound(f"{path} is not a regular file")
            try:
                data = f.read(MAX_SUBMISSION_BYTES + 1)  # bounded: the file may grow while we read
            except OSError as exc:
                raise SubmissionNotFound(f"cannot read {path}: {exc.strerror}") from exc
        if len(data) > MAX_SUBMISSION_BYTES:
            size = max(len(data), _size(path))
            raise SubmissionNotFound(
                f"{path} is {size:,} bytes; a solution may be at most {MAX_SUBMISSION_BYTES:,}")
        return cls(path=path, data=data, sha256=hashlib.sha256(data).hexdigest(), language=language,
                   read_at=datetime.now(UTC))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
