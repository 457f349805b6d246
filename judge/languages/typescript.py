"""TypeScript, run by Node.js's own type stripping: the JavaScript harness erases the types (node's
`module.stripTypeScriptTypes`, which keeps every line and column in place) and runs what is left as
JavaScript. Nothing is installed for it and nothing is type-checked: a type error is not a verdict,
as `node file.ts` does not report one either. Names, values and counterexamples are JavaScript's.
"""

from __future__ import annotations

from judge.languages import javascript
from judge.languages.base import Runtime
from judge.languages.javascript import JavaScript
from judge.models import Limits

# Node 22.6 strips types when it loads a .ts file itself (--experimental-strip-types); the harness
# compiles the source on its own (to find classes declared with no export), which needs the stripping
# as a function: module.stripTypeScriptTypes, first in 22.13 (and 23.2 on the 23 line).
MIN_VERSION = (22, 13)


def _version_tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return ()


class TypeScript(JavaScript):
    name = "typescript"
    display = "TypeScript"
    extensions = (".ts", ".mts", ".cts")
    solution_file = "solution.ts"  # the harness strips the types of a file whose name ends in .ts
    lexer = "typescript"

    @property
    def reference_extensions(self) -> tuple[str, ...]:
        return (*self.extensions, ".js")  # TypeScript readers read the JavaScript references

    def runtime(self) -> Runtime | None:
        found = super().runtime()
        if found is None or _version_tuple(found.version) < MIN_VERSION:
            return None
        return found

    def missing(self) -> str:
        need = ".".join(map(str, MIN_VERSION))
        host = javascript._host_runtime()
        if host is None:
            return f"TypeScript needs Node >= {need} (it runs .ts through node's type stripping); {super().missing()}"
        return (f"TypeScript needs Node >= {need} (it runs .ts through node's type stripping); this machine has "
                f"{host.version} at {host.executable}: install a newer Node.js (https://nodejs.org), or judge "
                "the file as JavaScript (.js)")

    def argv(self, executable: str, harness_dir: str, limits: Limits | None = None) -> list[str]:
        # Type stripping warns that it is experimental on every run: that line is not the user's output.
        # It runs in WebAssembly (swc), whose fast bounds checks reserve a 10 GB address-space cage: under
        # the run's RLIMIT_AS that fails ("Out of memory: Cannot allocate Wasm memory"), and inline
        # bounds checks need no cage.
        *head, harness = super().argv(executable, harness_dir, limits)
        return [*head, "--disable-warning=ExperimentalWarning", "--disable-wasm-trap-handler", harness]

    def import_line(self, error_type: str) -> str:
        return f'import "./solution.ts";  // <- raised {error_type}'
