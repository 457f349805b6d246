"""The problem catalog as the light commands see it: names, titles, specs, stubs, without pydantic.

`judge list`, `show` and `start` must answer at once (issue 12), and building the pydantic models of
judge.problems costs more than the whole command may. So this module reads problem.yaml with yaml's
C loader and picks the few fields those commands show. It still never shows an invalid package:
the first time a problem.yaml is read with some content, judge.problems validates it in full (the
same errors as `judge run`), and the content's sha256 is remembered in the cache dir, so that later
reads of the very same bytes skip the models. An edited file is validated again.

judge.problems builds on this for the full model (suite, references, limits) where a problem is judged.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge.errors import BadProblemPackage, UnknownProblem

STAMP_FILE = "validated-problems.json"


def _data_dir(name: str) -> Path:
    packaged = Path(__file__).parent / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def problems_dir() -> Path:
    override = os.environ.get("JUDGE_PROBLEMS_DIR")
    return Path(override) if override else _data_dir("problems")


def templates_dir() -> Path:
    override = os.environ.get("JUDGE_TEMPLATES_DIR")
    return Path(override) if override else _data_dir("templates")


def available() -> list[str]:
    root = problems_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "problem.yaml").is_file())


def suggestion(name: str, known: list[str]) -> str | None:
    """The known name the user most likely meant: the same name in another case first, then the
    closest spelling (a typo)."""
    folded = {k.casefold(): k for k in known}
    if name.casefold() in folded:
        return folded[name.casefold()]
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def check_name(name: str) -> Path:
    """The problem's folder; an unknown name is a usage error naming the known ones (and the likely one)."""
    folder = problems_dir() / name
    if not name or "/" in name or name.startswith(".") or not (folder / "problem.yaml").is_file():
        known = available()
        guess = suggestion(name, known) if name else None
        hint = f" (did you mean {guess!r}?)" if guess else ""
        raise UnknownProblem(f"unknown problem {name!r}{hint}; known problems: {', '.join(known) or 'none'} "
                             "(see `judge list`)")
    return folder


def read_yaml(path: Path) -> tuple[dict[str, Any], bytes]:
    """problem.yaml as a mapping, and its bytes; a file that is not YAML is one clear error.

    A content validated before comes from the stamp file, parsed already: importing yaml and parsing
    costs more than a light command may (issue 12)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadProblemPackage(f"{path}: cannot be read: {exc.strerror}") from exc
    known = _stamps().get(str(path.resolve()))
    if isinstance(known, dict) and known.get("digest") == _digest(data) and isinstance(known.get("raw"), dict):
        return known["raw"], data
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader where libyaml is built in
    try:
        raw = yaml.load(data.decode("utf-8"), Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise BadProblemPackage(f"{path}: not valid YAML{where}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise BadProblemPackage(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from exc
    except UnicodeDecodeError as exc:
        raise BadProblemPackage(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise BadProblemPackage(f"{path}: cannot be read: {exc.strerror}") from exc
    if not isinstance(raw, dict):
        raise BadProblemPackage(f"{path}: must be a mapping of fields")
    return raw, data


# -- remembering which problem.yaml contents were validated in full ---------------------------------


def _stamp_path() -> Path | None:
    try:
        from judge.paths import cache_dir

        return cache_dir() / STAMP_FILE
    except Exception:  # no home, no platform dirs: validate every time instead
        return None


def _digest(data: bytes) -> str:
    from judge import __version__

    # The judge's version is part of the stamp: a newer judge may check more, so it validates again
    return hashlib.sha256(__version__.encode() + b"\0" + data).hexdigest()


def _stamps() -> dict[str, Any]:
    """problem.yaml path -> {"digest", "raw"}: the content validated in full, and its parsed mapping
    where JSON holds it exactly (a bare digest from older judges still counts as validated)."""
    path = _stamp_path()
    try:
        found = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _remember(path: Path, digest: str, raw: dict[str, Any]) -> None:
    stamp = _stamp_path()
    if stamp is None:
        return
    stamps = _stamps()
    try:  # kept parsed only if JSON gives back exactly what YAML gave (no dates, no int keys)
        exact = json.loads(json.dumps(raw)) == raw
    except (TypeError, ValueError):
        exact = False
    stamps[str(path.resolve())] = {"digest": digest, "raw": raw} if exact else {"digest": digest}
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_name(f"{stamp.name}.{os.getpid()}")
        tmp.write_text(json.dumps(stamps), encoding="utf-8")
        tmp.replace(stamp)  # atomic: two judges at once never leave half a file
    except OSError:
        pass  # only speed is lost: the next read validates again


def validated(path: Path, raw: dict[str, Any], data: bytes) -> None:
    """Raise BadProblemPackage unless this exact problem.yaml content passes the full validation."""
    digest = _digest(data)
    known = _stamps().get(str(path.resolve()))
    if isinstance(known, dict) and known.get("digest") == digest:
        return
    if known != digest:  # a bare digest (an older judge's stamp) is valid, but gets the parsed mapping
        from judge.problem_meta import validate_meta

        validate_meta(path, raw)
    _remember(path, digest, raw)


def remember_valid(path: Path, raw: dict[str, Any], data: bytes) -> None:
    """Stamp a content the caller has just validated in full (judge.problems does, to build its model)."""
    known = _stamps().get(str(path.resolve()))
    digest = _digest(data)
    if not (isinstance(known, dict) and known.get("digest") == digest):
        _remember(path, digest, raw)


# -- what the light commands show -------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """A validated problem's name, folder and the fields `list`, `show` and `start` show."""

    name: str
    folder: Path
    title: str
    difficulty: str
    summary: str
    tags: list[str] = field(default_factory=list)
    template: str = ""
    parts: list[int] = field(default_factory=lambda: [1])
    part_titles: dict[int, str] = field(default_factory=dict)
    part_specs: dict[int, str] = field(default_factory=dict)  # part -> its spec file in the folder

    @property
    def spec(self) -> str:
        return self.spec_of(1)

    def spec_of(self, part: int) -> str:
        return (self.folder / self.part_specs.get(part, "spec.md")).read_text(encoding="utf-8")

    def template_path(self, extension: str = ".py", language: str = "python") -> Path:
        """templates/<name>.py for Python (or problem.yaml's `template`), else templates/<lang>/<name><ext>."""
        if language == "python":
            return templates_dir() / (self.template or f"{self.name}{extension}")
        return templates_dir() / language / f"{self.name}{extension}"


def summary(name: str) -> Summary:
    folder = check_name(name)
    path = folder / "problem.yaml"
    raw, data = read_yaml(path)
    validated(path, raw, data)
    later = list(raw.get("parts") or [])  # validated above: parts 2, 3, ... each with a title and spec
    return Summary(name=name, folder=folder, title=str(raw["title"]), difficulty=str(raw["difficulty"]),
                   summary=str(raw["summary"]), tags=[str(t) for t in raw.get("tags") or []],
                   template=str(raw.get("template") or ""), parts=[1] + [int(p["n"]) for p in later],
                   part_titles={1: str(raw.get("part_title") or raw["title"]),
                                **{int(p["n"]): str(p["title"]) for p in later}},
                   part_specs={int(p["n"]): str(p["spec"]) for p in later})


def unlocked(problem: Summary, part: int, solved: set[tuple[str, int]]) -> None:
    """Raise PartLocked unless `part` may be read: part 1 always, part N once part N-1 is solved
    (a full accepted run), as levels open in the interview formats this practises."""
    from judge.errors import PartLocked, UnknownProblem

    if part not in problem.parts:
        known = ", ".join(str(n) for n in problem.parts)
        raise UnknownProblem(f"problem {problem.name!r} has no part {part}; its parts: {known}")
    if part > 1 and (problem.name, part - 1) not in solved:
        raise PartLocked(f"part {part} of {problem.name} opens when part {part - 1} is accepted by a full run "
                         f"(judge run {problem.name} FILE --part {part - 1}); "
                         f"judge show {problem.name} --part {part} --peek shows it now")


def summaries() -> list[Summary]:
    return [summary(name) for name in available()]


def stub_path(problem: Summary, extension: str = ".py", language: str = "python") -> Path:
    """The starter stub for a language; TypeScript starts from the JavaScript stub (JavaScript is
    TypeScript with no annotations: the user adds types as they like)."""
    source = problem.template_path(extension, language)
    if not source.is_file() and language == "typescript":
        return problem.template_path(".js", "javascript")
    return source


def write_stub(problem: Summary, path: Path | None, *, force: bool = False, extension: str = ".py",
               language: str = "python", display: str = "Python") -> Path:
    """Copy the starter stub to `path` (default ./<problem><ext>; a folder gets the file inside it)."""
    from judge.errors import JudgeError

    default_name = f"{problem.name}{extension}"
    target = path or Path(default_name)
    if target.is_dir():
        target = target / default_name
    if target.exists() and not force:
        raise JudgeError(f"{target} already exists; use --force to overwrite it")
    source = stub_path(problem, extension, language)
    if not source.is_file():
        raise JudgeError(f"problem {problem.name!r} has no {display} starter stub at {source}")
    text = source.read_text(encoding="utf-8")
    # The stub names the file to judge as its default name: say the one written (a .ts from the .js
    # stub, or a name of the user's choosing).
    named = f"judge run {problem.name} {problem.name}{source.suffix}"
    target.write_text(text.replace(named, f"judge run {problem.name} {target.name}"), encoding="utf-8")
    return target


# Info strings of the code blocks each language's reader sees in `judge show --lang`; a language's
# short names (--lang js) are in its set too; TypeScript reads the JavaScript ones. A block tagged for
# another language is left out, an
# untagged block (or one in a language nobody writes solutions in, such as text) is for everyone.
SPEC_FENCE_TAGS: dict[str, frozenset[str]] = {
    "python": frozenset({"python", "py", "python3"}),
    "javascript": frozenset({"javascript", "js", "node", "mjs", "cjs", "typescript", "ts"}),
}


def spec_for(text: str, language: str = "python") -> str:
    """The spec as `language`'s reader sees it: the Python signatures and examples for Python, the
    JavaScript ones for JavaScript. Fences are CommonMark's: ``` or ~~~, three or more, closed by at
    least as many of the same character."""
    wanted = next((tags for tags in SPEC_FENCE_TAGS.values() if language.lower() in tags), frozenset())
    tagged = frozenset().union(*SPEC_FENCE_TAGS.values())
    kept: list[str] = []
    fence = ""  # the open fence's characters, while inside a block
    dropping = False
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not fence:
            run = len(stripped) - len(stripped.lstrip(stripped[:1])) if stripped[:1] in ("`", "~") else 0
            if indent <= 3 and run >= 3:
                fence = stripped[:run]
                info = stripped[run:].strip().split(maxsplit=1)
                tag = info[0].lower() if info else ""
                dropping = tag in tagged and tag not in wanted
                if dropping and kept and not kept[-1].strip():
                    kept.pop()  # the blank line before the block goes with it: no double gaps
        elif indent <= 3 and stripped.rstrip().startswith(fence) and not stripped.strip().strip(fence[0]):
            fence = ""
            if dropping:
                dropping = False
                continue
        if not dropping:
            kept.append(line)
    return "".join(kept)
