"""bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces over a read-only minimal filesystem.

The sandbox sees /usr (and the merged-/usr symlinks), the Python standard library, a read-only copy of
sortedcontainers, the harness, and the submission copy, nothing else: not problems/, not the judge
package, not $HOME. /tmp is a private tmpfs. Limits are rlimits set before exec (inherited by
everything inside) plus RLIMIT_NPROC set by the harness inside the new user namespace, where the
kernel counts only the sandbox's own processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from functools import cache
from pathlib import Path

from judge.models import Limits
from judge.sandbox.base import (
    SANDBOX_JUDGE,
    SANDBOX_SOLUTION,
    Availability,
    Sandbox,
    Staging,
    Started,
    clean_env,
    rlimits_preexec,
)

SANDBOX_SITE = "/sandbox/site"


class BwrapSandbox(Sandbox):
    name = "bwrap"

    @classmethod
    def availability(cls) -> Availability:
        return _probe()

    def start(self, staging: Staging, limits: Limits) -> Started:
        argv = [_bwrap(), *bwrap_args(staging, limits), *python_argv()]
        process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(),
            preexec_fn=rlimits_preexec(limits),  # noqa: PLW1509
            start_new_session=True,
        )
        return Started(process=process, solution_path=SANDBOX_SOLUTION)

    def signal_name(self, returncode: int) -> str | None:
        # bwrap reports a child killed by signal N as exit status 128 + N.
        if returncode > 128:
            return super().signal_name(-(returncode - 128))
        return super().signal_name(returncode)


def _bwrap() -> str:
    return shutil.which("bwrap") or "bwrap"


def python_argv() -> list[str]:
    return [os.path.realpath(sys.executable), "-I", "-S", "-B", f"{SANDBOX_JUDGE}/harness.py"]


def _hidden_paths() -> list[Path]:
    """Paths that must never be visible inside, even where a bound tree contains them."""
    import judge

    package = Path(judge.__file__).resolve().parent
    hidden = {package, package.parent}  # the judge package and the site-packages (or repo) holding it
    for key in ("purelib", "platlib"):
        hidden.add(Path(sysconfig.get_paths()[key]).resolve())
    home = os.environ.get("HOME")
    if home:
        hidden.add(Path(home).resolve())
    return sorted(hidden)


def bwrap_args(staging: Staging, limits: Limits) -> list[str]:
    args = [
        "--unshare-all",  # user, ipc, pid, net, uts, cgroup: no network, not even loopback to the host
        "--die-with-parent",
        "--new-session",  # no TIOCSTI into the judge's terminal
        "--hostname", "sandbox",
        "--clearenv",
        "--setenv", "PATH", "/usr/bin:/bin",
        "--setenv", "HOME", "/tmp",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "JUDGE_SITE", SANDBOX_SITE,
        "--setenv", "JUDGE_NPROC", str(limits.processes),
        "--ro-bind", "/usr", "/usr",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    # The interpreter and its standard library, wherever Python lives (pyenv under /root, a venv...).
    exe = Path(os.path.realpath(sys.executable))
    bound: list[Path] = [Path("/usr")]
    for path in {exe.parent, Path(sys.base_prefix).resolve() / "lib"}:
        if not _under(path, bound):
            args += ["--ro-bind", str(path), str(path)]
            bound.append(path)
    for hidden in _hidden_paths():
        if _under(hidden, bound) and hidden.is_dir():
            args += ["--tmpfs", str(hidden)]
    site = _sortedcontainers_dir()
    if site:
        args += ["--ro-bind", site, f"{SANDBOX_SITE}/sortedcontainers"]
    args += [
        "--ro-bind", str(staging.solution), SANDBOX_SOLUTION,
        "--ro-bind", str(staging.judge_dir), SANDBOX_JUDGE,
        "--chdir", "/tmp",
    ]
    return args


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


@cache
def _sortedcontainers_dir() -> str:
    try:
        import sortedcontainers
    except ImportError:
        return ""
    return os.path.dirname(os.path.realpath(sortedcontainers.__file__))


@cache
def _probe() -> Availability:
    if sys.platform != "linux":
        return Availability(False, "bubblewrap needs Linux", "use --sandbox docker")
    path = shutil.which("bwrap")
    if not path:
        return Availability(False, "bwrap is not installed", "sudo apt-get install bubblewrap")
    try:
        result = subprocess.run(
            [path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
            capture_output=True,
            timeout=10,
            env=clean_env(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Availability(False, f"bwrap failed to start: {exc}", "sudo apt-get install --reinstall bubblewrap")
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown error"]
        return Availability(
            False,
            f"bwrap cannot create namespaces here: {reason[0]}",
            "allow unprivileged user namespaces (sudo sysctl -w kernel.unprivileged_userns_clone=1; on "
            "Ubuntu 24.04+ also kernel.apparmor_restrict_unprivileged_userns=0) or use --sandbox docker",
        )
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    return Availability(True, f"{version} at {path}, user namespaces work")
