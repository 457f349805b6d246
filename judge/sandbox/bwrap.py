"""bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces over a read-only minimal filesystem.

The sandbox sees /usr (and the merged-/usr symlinks), what the language's runtime needs (its binds,
read-only, at their host paths), the packages submissions may import (under /sandbox/site), the
harness (/judge) and the submission copy (/sandbox), nothing else: not problems/, not the judge
package, not $HOME, not the host's site-packages. The root, /dev and /sandbox are read-only; /tmp is
a private tmpfs of 4 x file_mb, the only writable place.

Never root inside, whoever runs the judge: the submission runs as uid 65534 with no capabilities,
under the seccomp filter of seccomp.py (no mount, unshare, setns, namespace clones, ptrace,
keyrings, bpf, io_uring...). A normal user's judge gets it in its own user namespace (bwrap --uid,
further user namespaces disabled). A root judge cannot: bwrap would map the sandbox's uid onto the
host's uid 0, which owns /proc/sys (core_pattern: a full escape) and the cgroups, and a uid-65534
bwrap cannot reach an interpreter under /root. So as root bwrap makes the namespaces without a user
namespace, keeps only CAP_SETUID/SETGID/SETPCAP, and execs the interpreter through `setpriv`, which
becomes uid 65534 (host uid 65534: nothing on the host is its) and clears every capability set.

Limits: rlimits set before exec (inherited by everything inside), RLIMIT_NPROC set by the harness
inside the new user namespace (the kernel counts the namespace's processes only), and, where the
judge can create one, a cgroup for the whole run (cgroup.py: memory with tmpfs and memfd pages,
processes, CPU time). Killing the outer bwrap ends the PID namespace and with it every process the
submission started.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from judge.errors import SandboxUnavailable
from judge.models import Limits
from judge.sandbox import launch, seccomp
from judge.sandbox.base import (
    SANDBOX_DIR,
    SANDBOX_JUDGE,
    Availability,
    Sandbox,
    Staging,
    Started,
    clean_env,
    sandbox_solution,
)
from judge.sandbox.cgroup import RunCgroup

SANDBOX_SITE = f"{SANDBOX_DIR}/site"
SANDBOX_UID = launch.NOBODY


class BwrapSandbox(Sandbox):
    name = "bwrap"

    @classmethod
    def availability(cls) -> Availability:
        return _probe()

    def start(self, staging: Staging, limits: Limits) -> Started:
        runtime = staging.language.runtime()
        if runtime is None:
            raise SandboxUnavailable(f"{staging.language.missing()}; fix: judge doctor")
        with _Fds() as fds:

            def make(cgroup: RunCgroup | None) -> launch.Launch:
                options = bwrap_options(staging, limits, fds, pids_cgroup=cgroup is not None and cgroup.pids_limit > 0)
                # Options through a pipe, not argv: the sandbox's PID 1 is a copy of bwrap, and its
                # /proc/1/cmdline would otherwise list every host path bound in (the command stays).
                args_fd = fds.data(b"".join(arg.encode() + b"\0" for arg in options))
                argv = [_bwrap(), "--args", str(args_fd), *_drop_root_argv(),
                        *staging.language.argv(runtime.executable, SANDBOX_JUDGE)]
                return launch.Launch(argv=argv, solution_path=sandbox_solution(staging.language), env={},
                                     pass_fds=fds.passed)

            # +2: the two bwrap processes (outside, and PID 1 inside) are in the cgroup too.
            return launch.start(staging, limits, 2, make)

    def signal_name(self, returncode: int) -> str | None:
        # bwrap reports a child killed by signal N as exit status 128 + N.
        if returncode > 128:
            return super().signal_name(-(returncode - 128))
        return super().signal_name(returncode)


class _Fds:
    """Pipes handed to bwrap (its options, the seccomp program), closed in the judge once bwrap has
    its copies."""

    def __init__(self) -> None:
        self.passed: list[int] = []

    def __enter__(self) -> _Fds:
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self.passed:
            with contextlib.suppress(OSError):
                os.close(fd)

    def data(self, payload: bytes) -> int:
        """A pipe bwrap reads `payload` from (written now: both payloads are far below a pipe's 64 KB)."""
        read, write = os.pipe()
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(write, view):]
        finally:
            os.close(write)
        self.passed.append(read)
        return read


def _bwrap() -> str:
    return shutil.which("bwrap") or "bwrap"


def _judge_install_paths() -> list[Path]:
    """The judge's own installation and the host's package directories: never visible inside, even
    where a language's runtime bind contains them (CPython's lib/ holds its site-packages)."""
    import judge

    package = Path(judge.__file__).resolve().parent
    hidden = {package, package.parent}  # the judge package and the site-packages (or repo) holding it
    schemes = [sysconfig.get_paths(),
               sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_exec_prefix})]
    for paths in schemes:
        for key in ("purelib", "platlib"):
            hidden.add(Path(paths[key]).resolve())
    # Distributions add their own, and the system's other Pythons have theirs, under the /usr bind
    # (Debian: /usr/lib/python3/dist-packages): any of them could be put on sys.path by hand.
    for directory in site.getsitepackages([sys.base_prefix, sys.base_exec_prefix]):
        hidden.add(Path(directory).resolve())
    for pattern in ("lib/python3*/*-packages", "local/lib/python3*/*-packages"):
        hidden.update(path.resolve() for path in Path("/usr").glob(pattern))
    home = os.environ.get("HOME")
    if home:
        hidden.add(Path(home).resolve())
    return sorted(hidden)


def _root() -> bool:
    return os.geteuid() == 0


def _drop_root_argv() -> list[str]:
    """As root: the command that makes the interpreter uid 65534 with no capabilities at all."""
    if not _root():
        return []
    uid = str(SANDBOX_UID)
    return [_setpriv(), f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--"]


def _namespace_options() -> list[str]:
    if _root():
        # No user namespace (see the module docstring): every other namespace, and only the
        # capabilities setpriv needs to give up root for good.
        options = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup",
                   "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                   "--cap-add", "CAP_SETPCAP"]
        return options
    # user, ipc, pid, net, uts, cgroup: no network, not even loopback to the host.
    options = ["--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
               "--cap-drop", "ALL"]
    if _has_option("--disable-userns"):  # bwrap 0.8+; the seccomp filter denies them anyway
        options.append("--disable-userns")
    return options


def _nproc(limits: Limits, cgroup_pids: bool) -> str | None:
    """JUDGE_NPROC, the RLIMIT_NPROC the harness sets. In bwrap's user namespace the kernel counts
    the namespace's processes only. As root there is none: uid 65534's processes are counted
    host-wide (other sandboxes, containers), so the pids cgroup is the limit, or, without one,
    room is left for the processes uid 65534 already has."""
    if not _root():
        return str(limits.processes)
    if cgroup_pids:
        return None
    return str(launch.processes_of(SANDBOX_UID) + limits.processes)


def bwrap_options(staging: Staging, limits: Limits, fds: _Fds, *, pids_cgroup: bool) -> list[str]:
    """Every bwrap option but the command; `fds` collects the pipes bwrap reads."""
    language = staging.language
    runtime = language.runtime()
    assert runtime is not None

    made: set[str] = {"/", "/usr", "/tmp", "/proc", "/dev"}

    def bind(source: str, dest: str) -> list[str]:
        # bwrap would create the missing parents of `dest` with the modes of the host's (/root is
        # 0700): uid 65534 could not walk to the interpreter. Explicit 0755 directories instead.
        parents: list[str] = []
        for parent in reversed(Path(dest).parents):
            if str(parent) not in made:
                made.add(str(parent))
                parents += ["--perms", "0755", "--dir", str(parent)]
        return [*parents, "--ro-bind", source, dest]

    site_dirs = [(name, path) for name, path in runtime.site if os.path.isdir(path)]
    env = language.env(SANDBOX_SITE if site_dirs else "")
    nproc = _nproc(limits, pids_cgroup)
    if nproc is not None:
        env["JUDGE_NPROC"] = nproc
    args = [*_namespace_options(), "--die-with-parent",
            "--new-session",  # no TIOCSTI into the judge's terminal
            "--hostname", "sandbox", "--clearenv"]
    for key, value in {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", **env}.items():
        args += ["--setenv", key, value]
    args += bind("/usr", "/usr")
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += bind(top, top)
    # /tmp lives in RAM: capped in size (and charged to the run's memory cgroup where there is one).
    size = ["--size", str(_tmp_bytes(limits))] if _has_option("--size") else []  # bwrap 0.7+
    args += ["--proc", "/proc", "--dev", "/dev", *size, "--perms", "1777", "--tmpfs", "/tmp"]
    bound: list[Path] = [Path("/usr")]
    for path in sorted({Path(p) for p in runtime.binds}):
        if not _under(path, bound):
            args += bind(str(path), str(path))
            bound.append(path)
    for hidden in _judge_install_paths():
        if _under(hidden, bound) and hidden.is_dir():
            # Read-only: an empty cover, not another writable place in RAM.
            args += ["--tmpfs", str(hidden), "--remount-ro", str(hidden)]
    for name, site_dir in site_dirs:
        args += bind(site_dir, f"{SANDBOX_SITE}/{name}")
    args += bind(str(staging.solution), sandbox_solution(language))
    args += bind(str(staging.judge_dir), SANDBOX_JUDGE)
    # Last, once every mount point exists: the root tmpfs (which holds /sandbox and every mount
    # point bwrap created) and /dev become read-only; device nodes stay usable.
    args += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", "/tmp"]
    if seccomp.native() is not None:  # else availability() has said no
        args += ["--seccomp", str(fds.data(seccomp.program()))]
    return args


def _tmp_bytes(limits: Limits) -> int:
    return 4 * limits.file_mb * 1024 * 1024


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


@cache
def _has_option(option: str) -> bool:
    try:
        help_text = subprocess.run([_bwrap(), "--help"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return option in help_text


def _setpriv() -> str:
    return shutil.which("setpriv") or "/usr/bin/setpriv"


def _iter_missing_features() -> Iterator[str]:
    if seccomp.native() is None:
        yield f"no seccomp syscall table for {os.uname().machine}"
    if _root() and not shutil.which("setpriv"):
        yield "setpriv (util-linux) is missing: a root judge needs it to run the submission as uid 65534"


@cache
def _probe() -> Availability:
    if sys.platform != "linux":
        return Availability(False, "bubblewrap needs Linux", "use --sandbox docker")
    path = shutil.which("bwrap")
    if not path:
        return Availability(False, "bwrap is not installed", "sudo apt-get install bubblewrap")
    missing = list(_iter_missing_features())
    if missing:
        return Availability(False, "; ".join(missing), "upgrade bubblewrap, or use --sandbox docker")
    try:
        # The namespaces the sandbox will get, and, as root, the drop to uid 65534.
        result = subprocess.run(
            [path, *_namespace_options(), "--die-with-parent", "--ro-bind", "/", "/",
             *_drop_root_argv(), "true"],
            capture_output=True,
            timeout=10,
            env=clean_env(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Availability(False, f"bwrap failed to start: {exc}",
                            "sudo apt-get install --reinstall bubblewrap")
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown error"]
        return Availability(
            False,
            f"bwrap cannot create namespaces here: {reason[0]}",
            "allow unprivileged user namespaces (sudo sysctl -w kernel.unprivileged_userns_clone=1; on "
            "Ubuntu 24.04+ also kernel.apparmor_restrict_unprivileged_userns=0) or use --sandbox docker",
        )
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    who = "as uid 65534 via setpriv (the judge is root)" if _root() else "as uid 65534 in a user namespace"
    return Availability(True, f"{version} at {path}, runs submissions {who} under a seccomp filter")
