"""Hostile and broken submissions, judged through the real CLI on every sandbox backend that works here.

Each attack in tests/hostile/ runs with tight limits and must get its documented verdict (never the
one it forges), finish within the wall limit plus a margin, and leave the host as it was: no process
of it alive (each attack names its processes with a unique token, looked for in /proc), nothing
written outside the sandbox's scratch space, no secret in the report (an environment variable of
the judge, a canary file in its HOME, canary lines in the hidden suite and the reference).

Every attack runs in each language that has it: tests/hostile/<name>.py, and its JavaScript
translation in tests/hostile/javascript/<name>.js with the same expected verdict unless `js` says
otherwise; an attack with no translation is in JS_NOT_PORTED with the reason.

The process backend is not isolated: what it cannot contain is listed in UNCONTAINED with the
reason, and checked to really get through (so the table stays true); the attacks too destructive to
run there at all are in NOT_RUN. docs/containment.md explains both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from judge import languages, sandbox
from judge.models import Verdict
from judge.sandbox.cgroup import whole_run_limits

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
JUDGE_DIR = ROOT / "judge"

WALL = 3.0  # --wall-limit: every run, the judge's own start-up aside, must end within it
MARGIN = 4.0  # the CLI's start-up (~0.5 s), killing and cleaning up the sandbox, a loaded machine
LIMIT_FLAGS = ["--quick", "--time-limit", "0.5", "--wall-limit", f"{WALL:g}", "--cpu-limit", "1",
               "--memory-limit", "256"]
MARKERS = ("LEAK ", "WROTE ")  # what a hostile file prints when it got through

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the host checks read /proc")

# Docker's cases carry the `docker` marker, so `-m "not docker"` leaves them out.
BACKENDS = [pytest.param(name, marks=[pytest.mark.docker] if name == "docker" else [])
            for name, backend in sandbox.BACKENDS.items() if backend.availability().ok]

ROOT_USER = os.geteuid() == 0
# bwrap and process runs get a memory cgroup where the judge can create one (root here, or a
# delegated cgroup v2); docker always has the engine's.
WHOLE_RUN_MEMORY = "memory" in whole_run_limits()
NOT_ISOLATED = "the process backend runs the submission as the user, in the host's namespaces"
NO_SECCOMP = f"{NOT_ISOLATED}, with no seccomp filter"
PER_PROCESS = "no memory cgroup for this user here: memory is limited per process (RLIMIT_AS)"
UNCONTAINED: dict[tuple[str, str], str] = {
    ("write_outside", "process"): f"{NOT_ISOLATED}: it may write wherever the user may",
    ("read_hidden", "process"): f"{NOT_ISOLATED}: it may read every file the user may",
    ("read_home", "process"): f"{NOT_ISOLATED}: it may read every file the user may",
    ("read_env", "process"): f"{NOT_ISOLATED}: its own environment is clean, but it may read the "
                             "judge's through /proc/PID/environ (same uid)",
    ("network", "process"): f"{NOT_ISOLATED}: no network namespace, loopback included",
    ("kill_judge", "process"): f"{NOT_ISOLATED}: the judge is its grandparent, same uid: SIGKILL works",
    ("namespaces", "process"): f"{NO_SECCOMP}: unshare works wherever user namespaces do",
    ("kernel_surface", "process"): f"{NO_SECCOMP}: io_uring, bpf... are the kernel's to refuse",
    ("ptrace_peek", "process"): f"{NO_SECCOMP}: a process may trace its own child",
    ("write_root", "process"): f"{NOT_ISOLATED}: the host's / (as root) or /dev/shm",
}
if ROOT_USER:
    UNCONTAINED[("proc_sys", "process")] = f"{NOT_ISOLATED}, as root: /proc/sys is root's"
    UNCONTAINED[("cgroup_limits", "process")] = f"{NOT_ISOLATED}, as root: the cgroup files are root's"
if not WHOLE_RUN_MEMORY:
    for _backend in ("bwrap", "process"):
        UNCONTAINED[("memfd_fill", _backend)] = f"{PER_PROCESS}; memfd pages are in no address space"
        UNCONTAINED[("fork_memory", _backend)] = f"{PER_PROCESS}; five processes hold five limits"
# Where JavaScript is contained less than Python on the same backend (none now: on the process
# backend node, which cannot fork a reaper of its own, is started under the Python harness as its
# reaper; an entry here is an expected failure with its reason).
UNCONTAINED_JS: dict[tuple[str, str], str] = {}
# Attacks in JavaScript that fail only as a normal user (no cgroup: RLIMIT_AS is the memory limit),
# with the reason: an expected failure there, open work. None now: node's worker threads (threads_after)
# fit in its address-space grace, and a background node child on the process backend is reaped.
JS_NONROOT_OPEN: dict[tuple[str, str], str] = {}
NOT_RUN: dict[tuple[str, str], str] = {
    ("kill_all", "process"): f"{NOT_ISOLATED}: kill(-1) would kill every process of the user "
                             "(as root: of the machine), the test runner included",
}


# A process between pytest and the judge, as a user's shell is: an attack that kills its ancestors
# (kill_judge: the parent and the grandparent) must reach no further than that. A JavaScript harness
# on the process backend has no reaper above it (node cannot fork), so without this stand-in its
# grandparent would be pytest itself. The stand-in dies as its child did, so the test sees the signal.
STAND_IN = (
    "import os, signal, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "if code < 0:\n"
    "    if -code != signal.SIGKILL:\n"
    "        signal.signal(-code, signal.SIG_DFL)\n"
    "    os.kill(os.getpid(), -code)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Attack:
    name: str
    verdict: Verdict | None  # None: refused before judging (exit status 2, one line on stderr)
    limit: str = ""  # a substring of report.limit, when a limit is what stopped it
    message: str = ""  # a substring of report.message
    by_backend: dict[str, Verdict] = field(default_factory=dict)  # where a backend differs
    js: dict[str, str] = field(default_factory=dict)  # JavaScript's own "limit" or "message", where they differ


ATTACKS = [
    Attack("fork_bomb", Verdict.TIME_LIMIT_EXCEEDED, limit="wall time 0.5 s per call"),
    Attack("fork_at_import", Verdict.WRONG_ANSWER),  # the forked child must stay off the protocol
    Attack("memory_huge", Verdict.MEMORY_LIMIT_EXCEEDED, limit="memory 256 MB"),
    Attack("memory_leak", Verdict.MEMORY_LIMIT_EXCEEDED, limit="memory 256 MB"),
    # node's start-up in the sandbox (~0.5 s) leaves a loaded machine little room before the 3 s wall
    # limit: the JavaScript spin may be stopped by either clock (1 run in 2 hit the wall here)
    Attack("cpu_import", Verdict.TIME_LIMIT_EXCEEDED, limit="CPU time 1 s", js={"limit": "time"}),
    Attack("cpu_method", Verdict.TIME_LIMIT_EXCEEDED, limit="wall time 0.5 s per call"),
    Attack("sleep_forever", Verdict.TIME_LIMIT_EXCEEDED, limit="wall time 0.5 s per call"),
    Attack("flood_stdout", Verdict.OUTPUT_LIMIT_EXCEEDED, limit="output 1024 KB"),
    Attack("flood_stderr", Verdict.OUTPUT_LIMIT_EXCEEDED, limit="output 1024 KB"),
    Attack("huge_file", Verdict.RUNTIME_ERROR, limit="file size 16 MB", message="File too large",
           js={"message": "file too large"}),
    Attack("write_outside", Verdict.RUNTIME_ERROR),
    Attack("read_hidden", Verdict.RUNTIME_ERROR),
    Attack("read_home", Verdict.RUNTIME_ERROR),
    Attack("read_env", Verdict.RUNTIME_ERROR),
    Attack("network", Verdict.RUNTIME_ERROR),
    Attack("background", Verdict.WRONG_ANSWER),
    Attack("kill_parent", Verdict.RUNTIME_ERROR),
    Attack("kill_all", Verdict.RUNTIME_ERROR),
    Attack("kill_judge", Verdict.RUNTIME_ERROR),
    Attack("forge_protocol", Verdict.RUNTIME_ERROR, message="protocol channel"),
    Attack("close_pipes", Verdict.RUNTIME_ERROR),
    Attack("replace_pipes", Verdict.RUNTIME_ERROR),
    Attack("exit_midtest", Verdict.RUNTIME_ERROR, message="status 3", js={"message": "ProcessExit"}),
    Attack("sysexit_midtest", Verdict.RUNTIME_ERROR, message="SystemExit"),
    Attack("segfault", Verdict.RUNTIME_ERROR, message="SIGSEGV"),
    Attack("recursion", Verdict.RUNTIME_ERROR, message="SIGSEGV", js={"message": "RangeError"}),
    Attack("threads_after", Verdict.ACCEPTED),
    Attack("symlink", Verdict.ACCEPTED),  # tests/hostile/symlink_target.py, through a symlink
    Attack("not_utf8", Verdict.COMPILE_ERROR, message="not valid UTF-8"),  # generated: it would break ruff
    Attack("empty", Verdict.COMPILE_ERROR, message="OrderBook"),
    Attack("huge_source", None),  # generated: a few megabytes
    # Issue 11's classes of attack: root inside, memory outside the limits, the kernel's surface.
    Attack("proc_sys", Verdict.RUNTIME_ERROR, message="RuntimeError", js={"message": "Error"}),
    Attack("namespaces", Verdict.RUNTIME_ERROR, message="RuntimeError"),
    Attack("write_root", Verdict.RUNTIME_ERROR, message="RuntimeError", js={"message": "Error"}),
    Attack("kernel_surface", Verdict.RUNTIME_ERROR, message="RuntimeError"),
    Attack("ptrace_peek", Verdict.RUNTIME_ERROR, message="RuntimeError"),
    Attack("cgroup_limits", Verdict.RUNTIME_ERROR, message="RuntimeError"),
    Attack("memfd_fill", Verdict.MEMORY_LIMIT_EXCEEDED, limit="memory 256 MB",
           by_backend={} if WHOLE_RUN_MEMORY else {"bwrap": Verdict.RUNTIME_ERROR, "process": Verdict.RUNTIME_ERROR}),
    Attack("fork_memory", Verdict.MEMORY_LIMIT_EXCEEDED, limit="memory 256 MB",
           by_backend={} if WHOLE_RUN_MEMORY else {"bwrap": Verdict.RUNTIME_ERROR, "process": Verdict.RUNTIME_ERROR}),
]

JS_HOSTILE = HOSTILE / "javascript"
# Attacks with no JavaScript translation, and why: what node cannot do without a native addon (none
# can be installed in the sandbox), or what is Python's own.
NO_ADDON = "node has no binding for it; a native addon would be needed, and none can be installed"
JS_NOT_PORTED: dict[str, str] = {
    "fork_at_import": "node cannot fork: a process it spawns is a new program, not a copy of the harness",
    "replace_pipes": "node has no dup2: it can close its descriptors (close_pipes) but not repoint them",
    "sysexit_midtest": "SystemExit is Python's; process.exit is exit_midtest's JavaScript attack",
    "segfault": f"dereferencing a bad pointer: {NO_ADDON}",
    "namespaces": f"unshare(2): {NO_ADDON}",
    "kernel_surface": f"io_uring, bpf, userfaultfd, perf_event_open: {NO_ADDON}",
    "ptrace_peek": f"ptrace(2): {NO_ADDON}",
    "cgroup_limits": f"mounting a cgroup hierarchy: {NO_ADDON}",
    "memfd_fill": f"memfd_create(2): {NO_ADDON}",
    "fork_memory": "several processes holding memory: fork_bomb's spawned node processes already each hold "
                   "their own heap under the same whole-run limit",
}
JS_GENERATED = {"not_utf8", "huge_source"}  # written by _prepare, as for Python
NEEDS_NODE = pytest.mark.skipif(languages.by_name("javascript").runtime() is None, reason="node is not installed")
# (attack, language): the JavaScript ones only where there is a translation (none skipped).
CASES = [pytest.param(a, "python", id=f"{a.name}-py") for a in ATTACKS] + [
    pytest.param(a, "javascript", id=f"{a.name}-js", marks=NEEDS_NODE) for a in ATTACKS if a.name not in JS_NOT_PORTED]


# -- the world the attacks go after --------------------------------------------------------------
@dataclass
class World:
    canary: str  # in every secret, so the report can be searched for it
    problems: Path  # a copy of the orderbook package, with canary lines in the suite and reference
    home: Path  # the judge's HOME, with a canary file
    env: dict[str, str]  # the judge's environment, with a secret
    port: int  # a TCP listener on 127.0.0.1
    received: list[bytes]  # what connected to it sent


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    canary = f"CANARY-{uuid.uuid4().hex[:12]}"
    base = tmp_path_factory.mktemp("hostile-world")
    problems = base / "problems"
    shutil.copytree(ROOT / "problems" / "orderbook", problems / "orderbook",
                    ignore=shutil.ignore_patterns("submissions", "__pycache__"))
    for name in ("suite.py", "reference.py"):
        with (problems / "orderbook" / name).open("a") as f:
            f.write(f"\n# {canary}-{name}: hidden content the submission must never see\n")
    home = base / "home"
    home.mkdir()
    (home / ".secret-canary").write_text(f"{canary}-home\n")
    (base / "data").mkdir()
    (base / "cache").mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "JUDGE_PROBLEMS_DIR": str(problems),
        "JUDGE_CACHE_DIR": str(base / "cache"),
        "JUDGE_DATA_DIR": str(base / "data"),
        "JUDGE_TEST_SECRET": f"{canary}-env",
        "COLUMNS": "120",
    }
    # The quick runs' case bank of this copy of the problem is built first: its one-off seconds are the
    # judge's start-up, not part of any attack's run (judge/casebank.py).
    subprocess.run([sys.executable, "-m", "judge.casebank", "orderbook"], env=env, check=True, capture_output=True)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    received: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    received.append(conn.recv(256))

    threading.Thread(target=accept, daemon=True).start()
    yield World(canary, problems, home, env, listener.getsockname()[1], received)
    listener.close()


# -- host checks ----------------------------------------------------------------------------------
def _processes_named(token: str) -> list[str]:
    """Live processes and threads whose name or command line holds the token (zombies are dead)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_bytes()
            if stat[stat.rfind(b")") + 2 :].split()[0] in (b"Z", b"X"):
                continue
            names = [Path(f"/proc/{entry}/cmdline").read_bytes()]
            names += [p.read_bytes() for p in Path(f"/proc/{entry}/task").glob("*/comm")]
        except OSError:
            continue
        if any(token.encode() in name for name in names):
            found.append(f"{entry}: {names[0][:120]!r}")
    return found


def _wait_gone(token: str, seconds: float = 3.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while True:
        alive = _processes_named(token)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def _snapshot(*roots: Path) -> dict[str, str]:
    files = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _tmp_files_with(token: str) -> list[Path]:
    """Files the attack wrote into the host's /tmp (it names them with the token)."""
    return [Path(p) for p in Path("/tmp").glob(f"*{token}*")]


def _staging_left(token: str) -> list[Path]:
    """The judge's staging directories not cleaned up (each holds the copy of the submission)."""
    found = []
    for staging in Path(tempfile.gettempdir()).glob("judge-*/solution.*"):
        with contextlib.suppress(OSError):
            if token.encode() in staging.read_bytes():
                found.append(staging.parent)
    return found


# -- running one attack ---------------------------------------------------------------------------
def _prepare(attack: Attack, token: str, world: World, tmp_path: Path,
             language: str = "python") -> tuple[Path, Path]:
    """The submission file to judge (in a fresh working directory) and a scratch 'user directory'."""
    work = tmp_path / "work"
    user_dir = tmp_path / "user-files"
    work.mkdir()
    user_dir.mkdir()
    (user_dir / "notes.txt").write_text("the user's own file\n")
    js = language == "javascript"
    target = work / ("solution.js" if js else "solution.py")
    comment, empty_class = ("//", "class OrderBook {}\n") if js else ("#", "class OrderBook:\n    pass\n")
    if attack.name == "not_utf8":
        target.write_bytes(f"{comment} caf".encode() + b"\xe9 au lait: saved in Latin-1\n" + empty_class.encode())
        return target, user_dir
    if attack.name == "huge_source":
        target.write_text(f"{comment} padding\n" * 400_000 + empty_class)
        return target, user_dir
    name = "symlink_target" if attack.name == "symlink" else attack.name
    source = (JS_HOSTILE / f"{name}.js" if js else HOSTILE / f"{name}.py").read_text()
    for placeholder, value in {
        "__TOKEN__": token, "__HOST_DIR__": str(user_dir), "__HOME_DIR__": str(world.home),
        "__PROBLEMS_DIR__": str(world.problems), "__JUDGE_DIR__": str(JUDGE_DIR), "__PORT__": str(world.port),
    }.items():
        source = source.replace(placeholder, value)
    if attack.name == "symlink":
        outside = tmp_path / "outside"
        outside.mkdir()
        real = outside / f"real_solution{target.suffix}"
        real.write_text(source)
        target.symlink_to(real)
    else:
        target.write_text(source)
    return target, user_dir


def _breaches(output: str, world: World, token: str, before: dict[str, str], after: dict[str, str],
              tmp_files: list[Path]) -> list[str]:
    """Everything that says the attack got out of the sandbox."""
    seen = [f"the report shows {marker.strip()}" for marker in MARKERS if marker in output]
    if tmp_files:
        seen.append(f"files written into the host's /tmp: {tmp_files}")
    if world.canary in output:
        seen.append("a secret (canary) is in the report")
    if any(token.encode() in data for data in world.received):
        seen.append("it connected to the host's loopback")
    changed = sorted(set(before.items()) ^ set(after.items()))
    if changed:
        seen.append(f"files changed outside the sandbox: {sorted({path for path, _ in changed})}")
    return seen


def _cleanup(token: str, world: World) -> None:
    """Undo what an uncontained attack did, so the next one starts from the same host."""
    for path in _tmp_files_with(token) + _staging_left(token):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    for root in (world.home, world.problems):
        for path in root.rglob(f"*{token}*"):
            path.unlink(missing_ok=True)
    for pid_line in _processes_named(token):
        with contextlib.suppress(OSError):
            os.kill(int(pid_line.split(":")[0]), signal.SIGKILL)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("attack", "language"), CASES)
def test_hostile_submission(attack: Attack, backend: str, language: str, world: World, tmp_path: Path) -> None:
    key = (attack.name, backend)
    if key in NOT_RUN:
        pytest.xfail(f"not run, uncontained on {backend}: {NOT_RUN[key]}")
    if attack.name == "kill_all" and not sandbox.BACKENDS[backend].isolated:
        pytest.fail(f"{backend} is not isolated: kill(-1) would hit the host; add it to NOT_RUN")
    token = f"hx{uuid.uuid4().hex[:10]}"  # short enough for a process name (15 characters)
    if language == "javascript" and (attack.name, backend) in JS_NONROOT_OPEN:
        pytest.xfail(f"open: {JS_NONROOT_OPEN[(attack.name, backend)]}")
    submission, user_dir = _prepare(attack, token, world, tmp_path, language)
    symlink_target = submission.resolve().read_bytes() if submission.is_symlink() else None
    watched = (user_dir, world.home, world.problems)
    before = _snapshot(*watched)
    began = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-c", STAND_IN, sys.executable, "-m", "judge.cli", "run", "orderbook", str(submission),
             "--json", "--sandbox", backend, *LIMIT_FLAGS],
            cwd=submission.parent, env=world.env, capture_output=True, text=True, timeout=WALL + 60,
        )
        elapsed = time.monotonic() - began
        alive = _wait_gone(token)
        tmp_files, staging = _tmp_files_with(token), _staging_left(token)
        after = _snapshot(*watched)
    finally:
        _cleanup(token, world)
    output = result.stdout + result.stderr

    # -- the run itself: always, contained or not -----------------------------------------------
    assert elapsed <= WALL + MARGIN, f"the judge took {elapsed:.1f} s with a {WALL:g} s wall limit"
    assert not alive, f"processes of the submission outlived the run: {alive}"
    assert "Traceback" not in result.stderr, result.stderr
    if symlink_target is not None:
        assert submission.resolve().read_bytes() == symlink_target, "the symlink's target was changed"

    reason = UNCONTAINED.get(key) or (UNCONTAINED_JS.get(key) if language == "javascript" else None)
    if attack.name in ("kill_judge", "kill_parent") and reason and result.returncode < 0:
        pytest.xfail(f"uncontained on {backend}: {reason} (the judge was killed)")
    assert not staging, f"the judge left its staging directory behind: {staging}"
    if attack.verdict is None:
        assert result.returncode == 2, output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("judge: error:"), result.stderr
    else:
        assert result.returncode in (0, 1), output
        report = json.loads(result.stdout)  # one JSON object: forged text can only be inside a field
        verdict = attack.by_backend.get(backend, attack.verdict)
        assert report["verdict"] == verdict.value, (report["message"], report["stderr"][-500:])
        expected = {"limit": attack.limit, "message": attack.message,
                    **(attack.js if language == "javascript" else {})}
        if verdict == attack.verdict:
            assert expected["limit"] in (report["limit"] or ""), report
        assert expected["message"] in report["message"] + json.dumps(report["counterexample"]), report
        assert report["sandbox"] == backend

    # -- containment -----------------------------------------------------------------------------
    breaches = _breaches(output, world, token, before, after, tmp_files)
    if reason:
        if not breaches:
            pytest.fail(f"expected to get through on {backend} ({reason}) but it was contained: "
                        "update UNCONTAINED and docs/containment.md")
        pytest.xfail(f"uncontained on {backend}: {reason}; seen: {breaches}")
    assert not breaches, breaches


def test_every_attack_is_written_in_javascript_or_says_why_not() -> None:
    names = {a.name for a in ATTACKS}
    written = {p.stem for p in JS_HOSTILE.glob("*.js")} - {"symlink_target"} | ({"symlink"} if (
        JS_HOSTILE / "symlink_target.js").is_file() else set())
    assert written <= names, f"JavaScript attacks with no entry in ATTACKS: {written - names}"
    missing = names - written - JS_GENERATED - set(JS_NOT_PORTED)
    assert not missing, f"attacks with neither a JavaScript file nor a reason in JS_NOT_PORTED: {missing}"
    assert not written & set(JS_NOT_PORTED), "an attack is written in JavaScript and also listed as not ported"


def test_the_process_check_finds_a_named_process() -> None:
    """The 'nothing left alive' check above must not pass because it cannot see anything."""
    by_argv, by_name = f"hx{uuid.uuid4().hex[:10]}", f"hx{uuid.uuid4().hex[:10]}"
    code = "import sys, time\nopen('/proc/self/comm', 'w').write(sys.argv[2])\ntime.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", code, by_argv, by_name])
    try:
        deadline = time.monotonic() + 10
        while not _processes_named(by_name) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_named(by_argv) and _processes_named(by_name)
    finally:
        child.kill()
        child.wait()
    assert not _wait_gone(by_argv) and not _wait_gone(by_name)
