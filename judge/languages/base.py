"""What a submission language declares, so that the runner, the sandboxes and the renderers need no
per-language branches (the shape of DMOJ's executors and Kattis problemtools' languages.yaml).

A language says: which files are its (extensions), which harness files to stage next to the
submission and the argv that runs them, what each sandbox must show of the host to run its
interpreter, how its limits differ (an address-space grace for a JIT), and how a test case reads
as code the user can paste under their solution.
"""

from __future__ import annotations

import base64
import json
import zlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge import protocol, values
from judge.models import Limits

_SHOW_LIMIT = 2000  # characters of a value shown in a counterexample


@dataclass(frozen=True)
class Runtime:
    """The language's interpreter on this host, for the backends that run it from the host (bwrap,
    process). Docker runs the image's own interpreter (`Language.image_executable`)."""

    executable: str  # absolute, symlinks resolved
    binds: tuple[str, ...]  # host directories the sandbox must show, read-only, at the same path
    site: tuple[tuple[str, str], ...] = ()  # (package name, host dir): the few packages submissions may import
    version: str = ""


class Language(ABC):
    name: str = ""  # "python": what history records and `--lang` takes
    display: str = ""  # "Python"
    extensions: tuple[str, ...] = ()  # the first is what `judge start` writes
    solution_file: str = ""  # the submission's name inside the sandbox
    lexer: str = ""  # pygments lexer for syntax highlighting
    harness_files: tuple[Path, ...] = ()  # host files staged into the sandbox's judge dir
    harness_entry: str = ""  # which of them the argv runs
    image_executable: str = ""  # the interpreter inside the Docker runner image
    image_site: str = ""  # where the image keeps the packages submissions may import
    comment: str = "#"
    # Whether the harness's memory readings are precise enough to decide a memory check: where they
    # are not, the checks are left out and the report says so, rather than give verdicts that flip.
    weighs_memory: bool = True
    # Whether the harness can fork the reaper that stands above it on the process backend (Python's
    # does); a runtime that cannot (node) is started under the Python harness as that reaper.
    forks_reaper: bool = True
    renames: bool = False  # whether member_name spells any name differently (the runner then translates)

    @property
    def reference_extensions(self) -> tuple[str, ...]:
        """The extensions `judge compare` looks for a reference translated for this language's readers."""
        return self.extensions

    @abstractmethod
    def runtime(self) -> Runtime | None:
        """The host interpreter, or None where it is not installed (`missing()` says the fix)."""

    def missing(self) -> str:
        return f"{self.display} is not installed"

    @abstractmethod
    def argv(self, executable: str, harness_dir: str, limits: Limits | None = None) -> list[str]:
        """The command that starts the harness, given where the interpreter and the harness are.
        `limits`, where the backend passes them, size what the runtime caps itself (node's heap)."""

    def env(self, site: str) -> dict[str, str]:
        """Variables the harness reads; `site` is where the sandbox shows the importable packages."""
        return {"JUDGE_SITE": site} if site else {}

    def address_space_mb(self, limits: Limits) -> int:
        """RLIMIT_AS for the run: the memory limit, plus whatever the runtime reserves but never uses."""
        return limits.memory_mb

    def memory_exhausted(self, exit_code: int | None, stderr_tail: str) -> bool:
        """Whether a harness that died with `exit_code`, having printed `stderr_tail` last, ran out of
        memory in a way only the runtime can say (node aborts with "JavaScript heap out of memory")."""
        return False

    def wire_request(self, message: dict[str, Any]) -> dict[str, Any]:
        """A request as this language's harness reads it: the problem's names (snake_case, as the
        suites and the reference use them) spelled by `member_name`, in the load entry's methods and
        functions, the methods of its `classes`, and in the calls of run and measure steps (plain
        lists or the column form, at the top level, in `items` and inside a `packed` body). Class
        names and the "new"/"new:Name" calls are never renamed. The one place names are translated."""
        if not self.renames:
            return message
        message = dict(message)
        entry = message.get("entry")
        if isinstance(entry, dict):
            message["entry"] = {**entry, **{key: [self.member_name(n) for n in entry.get(key) or []]
                                            for key in ("methods", "functions")}}
            if isinstance(entry.get("classes"), list):
                message["entry"]["classes"] = [
                    {**c, "methods": [self.member_name(n) for n in c.get("methods") or []]}
                    if isinstance(c, dict) else c for c in entry["classes"]]
        if isinstance(message.get("packed"), str):
            body = json.loads(zlib.decompress(base64.b64decode(message["packed"])))
            packed = json.dumps(self._renamed_steps(body), separators=(",", ":")).encode()
            message["packed"] = base64.b64encode(zlib.compress(packed, 6)).decode()
        return self._renamed_steps(message)

    def _renamed_steps(self, body: dict[str, Any]) -> dict[str, Any]:
        body = dict(body)
        for key in ("steps", "setup", "timed", "undo", "prepare"):
            if key in body:
                body[key] = self._renamed(body[key])
        if isinstance(body.get("items"), list):
            body["items"] = [self._renamed_steps(item) if isinstance(item, dict) else item for item in body["items"]]
        return body

    def _renamed(self, steps: Any) -> Any:
        def name(call: Any) -> Any:
            return call if not isinstance(call, str) or constructs(call) else self.member_name(call)

        if isinstance(steps, list):
            return [[name(step[0]), *step[1:]] for step in steps]
        if isinstance(steps, dict) and isinstance(steps.get("columns"), list):
            return {**steps, "columns": [[name(run[0]), *run[1:]] for run in steps["columns"]]}
        return steps

    # -- rendering ---------------------------------------------------------------------------------
    @abstractmethod
    def literal(self, value: Any) -> str:
        """A value as the user would type it in this language."""

    # How a case's calls read in this language ({instance}, {cls}, {name}: the member's spelling here, {args})
    new_line = "{instance} = {cls}({args})"
    # A variable constructed twice in one case: its first line declares it reassignable, later ones
    # assign (JavaScript's const would refuse the second); the same as new_line where nothing differs.
    new_again_first_line = "{instance} = {cls}({args})"
    new_again_line = "{instance} = {cls}({args})"
    method_line = "{instance}.{name}({args})"
    function_line = "{name}({args})"

    def case_lines(self, entry: Any, steps: list[list[Any]]) -> list[str]:
        """The calls of a test case as code the user can paste under their solution and run: one line
        per step (the last line is the failing call when the case failed). "new" builds the entry
        class into `entry.instance`; "new:Name" builds a class of `entry.classes` into its own
        `instance`; later calls go to the last object built, or to functions where there is none."""
        variables = _variables(entry)
        built = [variables.get(_built_class(entry, name), "obj") for name, _ in steps if constructs(name)]
        lines: list[str] = []
        seen: set[str] = set()
        current: str | None = None
        for name, args in steps:
            shown = ", ".join(self.literal(a) for a in args)
            if constructs(name):
                cls = _built_class(entry, name)
                current = variables.get(cls, "obj")
                template = (self.new_line if built.count(current) == 1 else self.new_again_line
                            if current in seen else self.new_again_first_line)
                seen.add(current)
                lines.append(template.format(instance=current, cls=cls, args=shown))
                continue
            instance = current or (entry.instance if entry.kind == "class" else None)
            template = self.method_line if instance else self.function_line
            lines.append(template.format(instance=instance, name=self.member_name(name), args=shown))
        return lines

    def import_line(self, error_type: str) -> str:
        """The counterexample shown when loading the file raised: the statement that loads it."""
        return f"import solution  {self.comment} <- raised {error_type}"

    def show(self, value: Any) -> str:
        """A returned or expected value in a counterexample, as the case's own code writes it (one
        quoting style); what is not a literal (an object, an oversized value) in values.show's words."""
        if isinstance(value, protocol.Unfit | protocol.Opaque):
            return values.show(value)
        try:
            text = self.literal(value)
        except (RecursionError, ValueError):
            return values.show(value)
        return text if len(text) <= _SHOW_LIMIT else text[:_SHOW_LIMIT] + " ..."

    def preamble(self, steps: list[list[Any]]) -> list[str]:
        """Lines a pasted case needs before its calls (imports of the value types its arguments use)."""
        return []

    def printed(self, call: str) -> str:
        """The failing call as a line that prints what it returns, so the pasted case shows it."""
        return call

    def count_lines(self, source: str) -> int:
        """Lines of code: blank lines and whole-line comments do not count."""
        return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith(self.comment))

    def member_name(self, name: str) -> str:
        """The spelling of a method or function the problem declares (in Python's snake_case)."""
        return name


def constructs(call: str) -> bool:
    """Whether a step builds an object: "new" (the entry class) or "new:Name" (a class by name, which
    a problem's parts add next to the entry)."""
    return call == "new" or call.startswith("new:")


def _built_class(entry: Any, call: str) -> str:
    return str(entry.name) if call == "new" else call[len("new:"):]


def _variables(entry: Any) -> dict[str, str]:
    """Class name -> the variable a pasted case keeps its object in: the entry class's `instance`,
    and each added class's own. Read defensively: entries from before parts have no `classes`, and
    an added class may come as a model or as the wire's dict."""
    found: dict[str, str] = {}
    if entry.kind == "class":
        found[entry.name] = entry.instance
    for added in getattr(entry, "classes", None) or []:
        name = added.get("name") if isinstance(added, dict) else getattr(added, "name", None)
        instance = added.get("instance") if isinstance(added, dict) else getattr(added, "instance", None)
        if isinstance(name, str) and name:
            found[name] = instance if isinstance(instance, str) and instance else "obj"
    return found
