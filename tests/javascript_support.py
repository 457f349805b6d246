"""Judging JavaScript files before the sandbox backends are language-generic.

`NodeProcess` starts a language's harness exactly as issue 13 says the generic `process` backend
will: `language.argv(runtime.executable, judge_dir, limits)` under rlimits with RLIMIT_AS =
`language.address_space_mb(limits)`, the solution staged by the real Runner. It isolates nothing,
so it runs only the judge's own samples and test files. Once judge/sandbox/process.py and bwrap.py
start any language, tests/test_samples.py judges the same files there and this stand-in can go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from judge.judging import Options, judge_file
from judge.languages import Language
from judge.models import Limits, Report
from judge.runner import Runner
from judge.sandbox.base import Availability, Sandbox, Staging, Started, clean_env, rlimits_preexec
from judge.submission import Submission


class NodeProcess(Sandbox):
    name = "process (language-generic stand-in)"
    isolated = False

    @classmethod
    def availability(cls) -> Availability:
        return Availability(True, "test stand-in: a plain child process under rlimits")

    def start(self, staging: Staging, limits: Limits) -> Started:
        import subprocess

        language: Language = staging.language
        runtime = language.runtime()
        assert runtime is not None, language.missing()
        # The address-space grace goes into RLIMIT_AS; the heap cap into argv.
        widened = limits.model_copy(update={"memory_mb": language.address_space_mb(limits)})
        process = subprocess.Popen(
            language.argv(runtime.executable, str(staging.judge_dir), limits),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=staging.scratch,
            env=clean_env(language.env("")), preexec_fn=rlimits_preexec(widened), start_new_session=True,
        )
        return Started(process=process, solution_path=str(staging.solution))


def open_node_process(submission: Submission, limits: Limits, entry: dict[str, Any]) -> Runner:
    return Runner(NodeProcess(), submission, limits, entry)


def judge_js(problem: str, path: Path, **options: Any) -> Report:
    """judge_file through the stand-in backend (no failure cache unless asked)."""
    options.setdefault("remember_failures", False)
    return judge_file(problem, path, Options(**options), open_worker=open_node_process)


class NodeBwrap(Sandbox):
    """Today's bubblewrap bind set and namespaces (judge/sandbox/bwrap.py's bwrap_args) around the
    language's own argv, with the address-space grace: what the language-generic bwrap backend will
    start. Used to check that node runs in there at all, and what its start costs."""

    name = "bwrap (language-generic stand-in)"

    @classmethod
    def availability(cls) -> Availability:
        from judge.sandbox.bwrap import BwrapSandbox

        return BwrapSandbox.availability()

    def start(self, staging: Staging, limits: Limits) -> Started:
        import shutil
        import subprocess

        from judge.sandbox.base import SANDBOX_JUDGE, SANDBOX_SOLUTION
        from judge.sandbox.bwrap import bwrap_args

        language: Language = staging.language
        runtime = language.runtime()
        assert runtime is not None, language.missing()
        widened = limits.model_copy(update={"memory_mb": language.address_space_mb(limits)})
        binds = [arg for path in runtime.binds for arg in ("--ro-bind", path, path)]
        argv = [shutil.which("bwrap") or "bwrap", *bwrap_args(staging, limits), *binds,
                *language.argv(runtime.executable, SANDBOX_JUDGE, limits)]
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=clean_env(), preexec_fn=rlimits_preexec(widened), start_new_session=True)
        return Started(process=process, solution_path=SANDBOX_SOLUTION)

    def signal_name(self, returncode: int) -> str | None:
        # bwrap reports a child killed by signal N as exit status 128 + N.
        return super().signal_name(-(returncode - 128) if returncode > 128 else returncode)


def open_node_bwrap(submission: Submission, limits: Limits, entry: dict[str, Any]) -> Runner:
    return Runner(NodeBwrap(), submission, limits, entry)
