"""Submission languages by name and by file extension."""

from __future__ import annotations

from pathlib import Path

from judge.errors import SubmissionNotFound
from judge.languages.base import Language, Runtime
from judge.languages.javascript import JavaScript
from judge.languages.python import Python
from judge.languages.typescript import TypeScript

LANGUAGES: dict[str, Language] = {lang.name: lang for lang in (Python(), JavaScript(), TypeScript())}
DEFAULT = LANGUAGES["python"]
# Short names people type for `--lang`; history and reports always record the full name.
ALIASES: dict[str, str] = {"py": "python", "js": "javascript", "node": "javascript", "ts": "typescript"}


def by_name(name: str) -> Language:
    name = ALIASES.get(name, name)
    if name not in LANGUAGES:
        raise SubmissionNotFound(f"unknown language {name!r}; known: {', '.join(LANGUAGES)}")
    return LANGUAGES[name]


def for_path(path: Path) -> Language:
    """The language of a submission file, from its extension (a file with none is Python)."""
    suffix = path.suffix.lower()
    if not suffix:
        return DEFAULT
    for language in LANGUAGES.values():
        if suffix in language.extensions:
            return language
    known = ", ".join(ext for lang in LANGUAGES.values() for ext in lang.extensions)
    raise SubmissionNotFound(f"{path}: judge does not know {suffix!r} files; it judges {known}")


__all__ = ["ALIASES", "DEFAULT", "LANGUAGES", "Language", "Runtime", "by_name", "for_path"]
