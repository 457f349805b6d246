"""A cgroup for one run: memory (tmpfs pages and memfd included), processes and CPU time for the whole
sandbox, however many processes it starts, counted by the kernel outside the sandbox's reach.

Rlimits are per process: five processes under RLIMIT_AS may hold five times the memory limit, a
file in a tmpfs or a memfd filled with write() is charged to no process's address space, and the
kernel ignores RLIMIT_NPROC for root. A cgroup closes all three. It is created under the judge's
own cgroup (so whatever limits the judge itself runs under still hold), by the judge, before the
sandbox starts; the sandbox's first process is moved in before it execs, so everything it starts
inherits it. The sandbox cannot write to it: its files belong to the judge's uid, the sandbox runs
as another uid, sees no cgroupfs (bwrap mounts none; a cgroup namespace hides the path) and cannot
mount one (seccomp denies mount).

Where it can be created: as root on cgroup v1 (one directory per controller: memory, pids, cpuacct)
or v2 (one directory), and for a normal user where a cgroup v2 subtree has been delegated to it
(systemd: `systemd-run --user --scope -p Delegate=yes judge ...`), which the judge detects from
its own cgroup being writable. Elsewhere `create` returns None and the limits stay per process
(`RunCgroup.describe(None)` says which).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from judge.sandbox.sweep import sweep_dead_owners

PREFIX = "judge"
_PEAK_SLACK = 256 * 1024  # a peak this close to the limit means the limit was reached (charges are batched)


@dataclass(frozen=True)
class Hierarchy:
    mount: Path
    version: int  # 1 or 2
    controllers: frozenset[str]  # v1: the controllers mounted here; v2: those enabled for children
    own: str  # the judge's own cgroup in this hierarchy, relative to the mount ("/" at the top)

    @property
    def parent(self) -> Path:
        return self.mount / self.own.lstrip("/")


@dataclass
class RunCgroup:
    """The directories of one run's cgroup, by controller ("memory", "pids", "cpu"); on cgroup v2
    they are all the same directory."""

    dirs: dict[str, Path]
    version: int
    memory_limit: int = 0  # bytes, 0 when there is no memory controller
    pids_limit: int = 0
    _removed: bool = field(default=False, repr=False)

    # -- creating ------------------------------------------------------------------------------
    @classmethod
    def create(cls, memory_bytes: int, max_pids: int) -> RunCgroup | None:
        """A fresh cgroup with these limits, or None where the judge cannot create one."""
        tag = f"{PREFIX}-{os.getpid()}-{secrets.token_hex(4)}"
        v2 = [h for h in hierarchies() if h.version == 2 and {"memory", "pids"} & h.controllers]
        if v2:
            return cls._create_v2(v2[0], tag, memory_bytes, max_pids)
        return cls._create_v1(tag, memory_bytes, max_pids)

    @classmethod
    def _create_v1(cls, tag: str, memory_bytes: int, max_pids: int) -> RunCgroup | None:
        dirs: dict[str, Path] = {}
        group = cls(dirs, 1)
        for hierarchy in hierarchies():
            if hierarchy.version != 1:
                continue
            for controller in ("memory", "pids", "cpuacct"):
                key = "cpu" if controller == "cpuacct" else controller
                if controller in hierarchy.controllers and key not in dirs:
                    sweep_stale(hierarchy.parent)
                    path = hierarchy.parent / tag
                    try:
                        path.mkdir()
                    except FileExistsError:
                        pass  # cpu,cpuacct mounted together: the same directory twice
                    except OSError:
                        continue
                    dirs[key] = path
        try:
            if "pids" in dirs:
                (dirs["pids"] / "pids.max").write_text(str(max_pids))
                group.pids_limit = max_pids
            if "memory" in dirs:
                (dirs["memory"] / "memory.limit_in_bytes").write_text(str(memory_bytes))
                # No swap on top of it, where the kernel accounts swap (memsw after limit: it must be >=).
                with contextlib.suppress(OSError):
                    (dirs["memory"] / "memory.memsw.limit_in_bytes").write_text(str(memory_bytes))
                group.memory_limit = memory_bytes
        except OSError:
            group.remove()
            return None
        if not dirs:
            return None
        return group

    @classmethod
    def _create_v2(cls, hierarchy: Hierarchy, tag: str, memory_bytes: int, max_pids: int) -> RunCgroup | None:
        sweep_stale(hierarchy.parent)
        path = hierarchy.parent / tag
        try:
            path.mkdir()
        except OSError:
            return None
        group = cls({c: path for c in ("memory", "pids", "cpu") if c in hierarchy.controllers or c == "cpu"}, 2)
        try:
            if "pids" in hierarchy.controllers:
                (path / "pids.max").write_text(str(max_pids))
                group.pids_limit = max_pids
            if "memory" in hierarchy.controllers:
                (path / "memory.max").write_text(str(memory_bytes))
                with contextlib.suppress(OSError):
                    (path / "memory.swap.max").write_text("0")
                group.memory_limit = memory_bytes
        except OSError:
            group.remove()
            return None
        return group

    # -- using -----------------------------------------------------------------------------------
    def enter(self) -> None:
        """Move the calling process in (in the child, before exec); its children inherit it."""
        pid = str(os.getpid())
        for path in set(self.dirs.values()):
            with open(path / "cgroup.procs", "w") as f:
                f.write(pid)

    def pids(self) -> list[int]:
        path = self.dirs.get("pids") or next(iter(self.dirs.values()))
        try:
            return [int(line) for line in (path / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return []

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) of everything that ran in the cgroup, nanosecond resolution."""
        path = self.dirs.get("cpu")
        if path is None:
            return None
        try:
            if self.version == 1:
                return int((path / "cpuacct.usage").read_text()) / 1e9
            for line in (path / "cpu.stat").read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "usage_usec":
                    return int(value) / 1e6
        except (OSError, ValueError):
            return None
        return None

    def oom_killed(self) -> bool:
        """Whether the kernel's OOM killer killed a process of this cgroup for its memory limit."""
        path = self.dirs.get("memory")
        if path is None:
            return False
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        return _counter(path / name, "oom_kill") > 0

    def memory_at_limit(self) -> bool:
        """Whether usage ever reached the limit (the kernel had to reclaim, or refused a charge):
        a run stopped then was held up by its memory, even where nothing was killed yet."""
        path = self.dirs.get("memory")
        if path is None or not self.memory_limit:
            return False
        if self.version == 1:
            # failcnt stays 0 on some kernels even across an OOM kill: the peak usage says it too.
            try:
                failcnt = int((path / "memory.failcnt").read_text())
                peak = int((path / "memory.max_usage_in_bytes").read_text())
            except (OSError, ValueError):
                return False
            return failcnt > 0 or peak >= self.memory_limit - _PEAK_SLACK
        return _counter(path / "memory.events", "max") > 0 or _counter(path / "memory.events", "oom") > 0

    def kill(self, timeout: float = 2.0) -> None:
        """SIGKILL every member until none is left, however it left the process group or session."""
        for path in set(self.dirs.values()):
            kill_file = path / "cgroup.kill"  # cgroup v2, Linux 5.14+: atomic, no race with fork
            if kill_file.exists():
                with contextlib.suppress(OSError):
                    kill_file.write_text("1")
        # v1 (or as a check after cgroup.kill): pids.max bounds how many a forking process can add
        # between two rounds.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        if self._removed:
            return
        self._removed = True
        self.kill()
        for path in set(self.dirs.values()):
            _rmdir(path)

    @staticmethod
    def describe(group: RunCgroup | None) -> str:
        """One line for `judge doctor`: which limits hold for the whole run, which per process."""
        if group is None:
            return ("no cgroup: memory is limited per process (RLIMIT_AS; tmpfs and memfd pages are not "
                    "counted), processes by RLIMIT_NPROC")
        whole = [name for name, ok in (("memory", group.memory_limit), ("processes", group.pids_limit),
                                       ("CPU time", "cpu" in group.dirs)) if ok]
        return f"cgroup v{group.version}: {', '.join(whole)} counted for the whole run"


def _counter(path: Path, key: str) -> int:
    try:
        for line in path.read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return int(value)
    except (OSError, ValueError):
        pass
    return 0


def _rmdir(path: Path) -> None:
    for _ in range(50):  # EBUSY for a moment while the last members are being reaped
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


def sweep_stale(parent: Path) -> None:
    """Remove the run cgroups of judges that died without cleaning up (killed outright, say)."""

    def remove(path: Path) -> None:
        stale = RunCgroup({"pids": path}, 1)
        stale.kill(timeout=0.5)
        _rmdir(path)

    sweep_dead_owners(parent.glob(f"{PREFIX}-*-*"), remove)


def hierarchies() -> list[Hierarchy]:
    """The cgroup hierarchies mounted here, each with the judge's own place in it."""
    try:
        with open("/proc/self/mountinfo") as f:
            mounts = f.read().splitlines()
        with open("/proc/self/cgroup") as f:
            own_lines = f.read().splitlines()
    except OSError:
        return []
    own_v1: dict[str, str] = {}
    own_v2 = "/"
    for line in own_lines:
        _, controllers, path = [*line.split(":", 2), "", ""][:3]
        if controllers == "":
            own_v2 = path or "/"
        for controller in controllers.split(","):
            own_v1[controller] = path
    found: list[Hierarchy] = []
    seen: set[Path] = set()
    for line in mounts:
        left, _, right = line.partition(" - ")
        fields, extra = left.split(), right.split()
        if len(fields) < 5 or len(extra) < 3:
            continue
        mount = Path(fields[4])
        if mount in seen:
            continue
        if extra[0] == "cgroup":
            mounted = frozenset(extra[2].split(",")) & {"memory", "pids", "cpuacct"}
            if mounted:
                own = next((own_v1[c] for c in mounted if c in own_v1), "/")
                found.append(Hierarchy(mount, 1, mounted, own))
                seen.add(mount)
        elif extra[0] == "cgroup2":
            parent = mount / own_v2.lstrip("/")
            try:
                enabled = frozenset((parent / "cgroup.subtree_control").read_text().split())
            except OSError:
                continue
            # The judge's own cgroup must be writable (root, or a delegated subtree) and must hand
            # its controllers to children; cgroup v2 forbids processes in a cgroup that does, except
            # at the top, so a delegated scope has to have moved its processes into a leaf first.
            if os.access(parent, os.W_OK) and enabled & {"memory", "pids"}:
                found.append(Hierarchy(mount, 2, enabled, own_v2))
                seen.add(mount)
    return found


def whole_run_limits() -> frozenset[str]:
    """Which limits a run started now would get for the whole sandbox ("memory", "pids", "cpu"):
    found by creating a cgroup and removing it again (for `judge doctor` and the tests)."""
    group = RunCgroup.create(1 << 40, 1 << 20)
    if group is None:
        return frozenset()
    try:
        found = {"cpu"} & set(group.dirs)
        if group.memory_limit:
            found.add("memory")
        if group.pids_limit:
            found.add("pids")
        return frozenset(found)
    finally:
        group.remove()
