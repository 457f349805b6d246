"""bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces over a read-only minimal filesystem.

The sandbox sees /usr (and the merged-/usr symlinks), the Python standard library, a read-only copy of
sortedcontainers, the harness, and the submission copy, nothing else: not problems/, not the judge
package, not $HOME. /tmp is a private tmpfs of 4 x file_mb. No capabilities. Limits are rlimits set
before exec (inherited by everything inside) plus RLIMIT_NPROC set by the harness inside the new
user namespace, where the kernel counts only the sandbox's own processes; run as root, where the
kernel ignores RLIMIT_NPROC, a pids cgroup (base.PidsCgroup) takes its place. Killing the outer
bwrap ends the PID namespace and with it every process the submission started.
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
    PidsCgroup,
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
        # +2: the two bwrap processes (outside, and PID 1 inside) are in the cgroup too.
        cgroup = PidsCgroup.create(limits.processes + 2)
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=clean_env(),
                preexec_fn=rlimits_preexec(limits, cgroup=cgroup),
                start_new_session=True,
            )
        except BaseException:
            if cgroup is not None:
                cgroup.remove()
            raise
        return Started(process=process, solution_path=SANDBOX_SOLUTION, cgroup=cgroup,
                       cleanup=cgroup.remove if cgroup is not None else None)

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
        # Run as root, bwrap keeps every capability inside its user namespace (root maps to root):
        # enough to remount /usr read-write and write to the host, or to unmount the tmpfs that
        # hides site-packages. Unprivileged, bwrap drops them anyway; this makes it explicit.
        "--cap-drop", "ALL",
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
    # /tmp lives in RAM, charged to nobody's RLIMIT_AS: cap it (one file is capped by RLIMIT_FSIZE).
    size = ["--size", str(_tmp_bytes(limits))] if _has_option("--size") else []  # bwrap 0.7+
    args += ["--proc", "/proc", "--dev", "/dev", *size, "--tmpfs", "/tmp"]
    # The interpreter and its standard library, wherever Python lives (pyenv under /root, a venv...).
    exe = Path(os.path.realpath(sys.executable))
    bound: list[Path] = [Path("/usr")]
    for path in {exe.parent, Path(sys.base_prefix).resolve() / "lib"}:
        if not _under(path, bound):
            args += ["--ro-bind", str(path), str(path)]
            bound.append(path)
    for hidden in _hidden_paths():
        if _under(hidden, bound) and hidden.is_dir():
            # Read-only: an empty cover, not another writable place in RAM.
            args += ["--tmpfs", str(hidden), "--remount-ro", str(hidden)]
    site = _sortedcontainers_dir()
    if site:
        args += ["--ro-bind", site, f"{SANDBOX_SITE}/sortedcontainers"]
    args += [
        "--ro-bind", str(staging.solution), SANDBOX_SOLUTION,
        "--ro-bind", str(staging.judge_dir), SANDBOX_JUDGE,
        "--chdir", "/tmp",
    ]
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
    return Availability(True, f"{version} at {path}, user namespaces work")
