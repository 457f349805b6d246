"""JavaScript on Node.js (18 or newer): the harness is judge/languages/js/harness.mjs + protocol.mjs.

The problems are written in Python's snake_case; a JavaScript solution spells its methods and
functions in camelCase (best_bid -> bestBid). `member_name` is that mapping and the runner applies it
once, where requests go on the wire (`Language.wire_request`), so the suites, the reference and the
history keep the problem's own names.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from judge.languages.base import Language, Runtime
from judge.models import Limits
from judge.protocol import Opaque

_HARNESS = Path(__file__).resolve().parent / "js"
MIN_MAJOR = 18  # Debian bookworm's nodejs; the harness uses nothing newer
# V8 reserves address space it never touches (the code range, the cage): under RLIMIT_AS = the memory
# limit alone node dies at start ("Fatal process OOM ... CodeRange"). DMOJ's NODEJS executor gives 1 GiB;
# each worker thread reserves a code range of its own, so with a 256 MB limit and no cgroup (as a
# normal user) one `new Worker` needed 1,344 MB and four 2-3 GB (node 20, prlimit --as): 1.5 GiB
# leaves room for a worker or two. The heap itself stays within --max-old-space-size.
ADDRESS_SPACE_GRACE_MB = 1536
HEAP_SHARE = 0.75  # the rest of the limit is node's own (code, stacks, buffers outside the heap)
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
# What node prints to stderr when V8 gives up on an allocation; the process then aborts.
_OOM_TEXTS = ("JavaScript heap out of memory", "Fatal process out of memory", "Fatal process OOM",
              "Fatal JavaScript out of memory")


class JavaScript(Language):
    name = "javascript"
    display = "JavaScript"
    extensions = (".js", ".mjs", ".cjs")
    solution_file = "solution.js"  # the harness tells CommonJS from ES modules by the source, not the name
    lexer = "javascript"
    harness_files = (_HARNESS / "harness.mjs", _HARNESS / "protocol.mjs")
    harness_entry = "harness.mjs"
    image_executable = "/usr/bin/node"  # Debian's nodejs in the runner image
    image_site = ""
    comment = "//"
    renames = True
    forks_reaper = False  # node cannot fork a copy of itself, only start new programs

    def runtime(self) -> Runtime | None:
        return _host_runtime()

    def missing(self) -> str:
        found = _node_path()
        if found is not None:
            version = _version(found)
            return (f"JavaScript needs Node.js {MIN_MAJOR} or newer; {found} is {version or 'unusable'} "
                    "(sudo apt-get install nodejs, or https://nodejs.org)")
        return "JavaScript needs Node.js: sudo apt-get install nodejs (or https://nodejs.org)"

    def argv(self, executable: str, harness_dir: str, limits: Limits | None = None) -> list[str]:
        # --max-old-space-size: a heap bomb ends as "JavaScript heap out of memory" (memory_exhausted)
        # well before the address-space limit, where V8 would fail somewhere less clear.
        # --expose-gc: the memory metric weighs the heap after a collection, and timing batches start
        # from an empty young generation.
        heap = max(32, int(HEAP_SHARE * (limits or Limits()).memory_mb))
        return [executable, f"--max-old-space-size={heap}", "--expose-gc", f"{harness_dir}/{self.harness_entry}"]

    def env(self, site: str) -> dict[str, str]:
        return {}  # nothing to import beyond node's built-ins; NODE_OPTIONS must stay unset

    def address_space_mb(self, limits: Limits) -> int:
        return limits.memory_mb + ADDRESS_SPACE_GRACE_MB

    def memory_exhausted(self, exit_code: int | None, stderr_tail: str) -> bool:
        return exit_code not in (None, 0) and any(text in stderr_tail for text in _OOM_TEXTS)

    # -- names ---------------------------------------------------------------------------------------
    def member_name(self, name: str) -> str:
        """best_bid -> bestBid, liquidation_price -> liquidationPrice; a leading underscore stays."""
        stripped = name.lstrip("_")
        head, *rest = stripped.split("_")
        return name[: len(name) - len(stripped)] + head + "".join(part[:1].upper() + part[1:] for part in rest)

    # -- rendering -----------------------------------------------------------------------------------
    def literal(self, value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return _float(value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                return "NaN" if value.is_nan() else ("Infinity" if value > 0 else "-Infinity")
            text = str(value)
            return text.replace("E", "e")
        if isinstance(value, Fraction):
            return f"{value.numerator} / {value.denominator}"
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, list | tuple):
            return "[" + ", ".join(self.literal(v) for v in value) + "]"
        if isinstance(value, dict):
            if all(isinstance(k, str) for k in value):
                items = ", ".join(f"{k if _IDENTIFIER.match(k) else json.dumps(k)}: {self.literal(v)}"
                                  for k, v in value.items())
                return "{" + items + "}"
            pairs = ", ".join(f"[{self.literal(k)}, {self.literal(v)}]" for k, v in value.items())
            return f"new Map([{pairs}])"
        if isinstance(value, set | frozenset):
            return "new Set([" + ", ".join(self.literal(v) for v in value) + "])"
        if isinstance(value, Opaque):
            return value.text
        return repr(value)

    def import_line(self, error_type: str) -> str:
        return f'require("./solution.js");  // <- raised {error_type}'

    def printed(self, call: str) -> str:
        return f"console.log({call.rstrip().rstrip(';')});"

    # V8's heap after gc() moves by a kilobyte or more per weighed batch (compiled code, inline caches,
    # what the previous batch left): an O(1) EMA read as O(n) in 2 runs of 5 under load, and 10x the
    # batch did not cure it. Memory checks wait for a steadier reading.
    weighs_memory = False
    new_line = "const {instance} = new {cls}({args});"
    new_again_first_line = "let {instance} = new {cls}({args});"
    new_again_line = "{instance} = new {cls}({args});"
    method_line = "{instance}.{name}({args});"
    function_line = "{name}({args});"

    def count_lines(self, source: str) -> int:
        """Lines holding code: blank lines, // comments and /* */ blocks (JSDoc) are left out."""
        without_blocks = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), source, flags=re.S)
        return sum(1 for line in without_blocks.splitlines() if line.strip() and not line.strip().startswith("//"))


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    # Python writes 5.0 where JavaScript writes 5: the same number, as the user's console shows it.
    return text[:-2] if text.endswith(".0") else text


def _node_path() -> str | None:
    for name in ("node", "nodejs"):
        found = shutil.which(name)
        if found:
            return os.path.realpath(found)
    return None


@cache
def _version(executable: str) -> str:
    try:
        done = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip().lstrip("v") if done.returncode == 0 else ""


@cache
def _host_runtime() -> Runtime | None:
    executable = _node_path()
    if executable is None:
        return None
    version = _version(executable)
    try:
        major = int(version.split(".")[0])
    except ValueError:
        return None
    if major < MIN_MAJOR:
        return None
    # Under /usr the sandboxes show it already; elsewhere (nvm, /opt/node) its whole install prefix:
    # official builds link only libc and libstdc++ from /lib, which every sandbox shows.
    prefix = Path(executable).parent.parent
    binds = () if executable.startswith("/usr/") else (str(prefix),)
    return Runtime(executable=executable, binds=binds, version=version)
