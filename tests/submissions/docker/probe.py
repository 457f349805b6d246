"""Not a solution: a probe of the sandbox from inside. At import it tries what a hostile submission
would try, prints what happened as one JSON line tagged PROBE (the judge shows the submission's
output in the report's stderr), then raises so the run ends at once with runtime_error."""

import json
import os
import resource
import socket
import threading


def attempt(action):
    try:
        result = action()
    except OSError as exc:
        return f"{type(exc).__name__}:{exc.errno}"
    except Exception as exc:
        return type(exc).__name__
    return f"ok:{result}" if result is not None else "ok"


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def write(path):
    with open(path, "w") as f:
        f.write("x")


def connect():
    with socket.create_connection(("1.1.1.1", 53), timeout=1):
        return "connected"


def status_fields():
    fields = {}
    for line in (read("/proc/self/status") or "").splitlines():
        key, _, value = line.partition(":")
        if key in ("CapEff", "CapPrm", "CapBnd", "NoNewPrivs", "Seccomp"):
            fields[key] = value.strip()
    return fields


def mounts():
    rows = []
    for line in (read("/proc/self/mounts") or "").splitlines():
        _, point, kind, options = line.split()[:4]
        if point.split("/")[1] not in ("proc", "sys", "dev"):
            rows.append([point, kind, options])
    return rows


def threads_possible(cap=200):
    stop = threading.Event()
    started = 0
    try:
        for _ in range(cap):
            threading.Thread(target=stop.wait, daemon=True).start()
            started += 1
    except RuntimeError:
        pass
    stop.set()
    return started


def cgroup():
    names = [
        "memory/memory.limit_in_bytes", "memory/memory.memsw.limit_in_bytes", "pids/pids.max",
        "cpu/cpu.cfs_quota_us", "cpu/cpu.cfs_period_us",  # cgroup v1
        "memory.max", "memory.swap.max", "pids.max", "cpu.max",  # cgroup v2
    ]
    return {name: read(f"/sys/fs/cgroup/{name}") for name in names if read(f"/sys/fs/cgroup/{name}")}


def limits():
    names = {"cpu": resource.RLIMIT_CPU, "fsize": resource.RLIMIT_FSIZE, "nofile": resource.RLIMIT_NOFILE,
             "core": resource.RLIMIT_CORE}
    return {name: list(resource.getrlimit(value)) for name, value in names.items()}


report = {
    "uid": [os.getuid(), os.geteuid(), os.getgid(), os.getgroups()],
    "connect": attempt(connect),
    "interfaces": [name for _, name in socket.if_nameindex()],
    "write_root": attempt(lambda: write("/probe")),
    "write_etc": attempt(lambda: write("/etc/probe")),
    "write_solution": attempt(lambda: write("/sandbox/solution.py")),
    "write_judge": attempt(lambda: write("/judge/probe")),
    "write_tmp": attempt(lambda: write("/tmp/probe")),
    "shadow": attempt(lambda: len(read_strict("/etc/shadow"))),
    "setuid0": attempt(lambda: os.setuid(0)),
    "status": status_fields(),
    "rlimits": limits(),
    "cgroup": cgroup(),
    "threads": threads_possible(),
    "mounts": mounts(),
    "env": sorted(os.environ),
    "engine_socket": [p for p in ("/var/run/docker.sock", "/run/docker.sock") if os.path.exists(p)],
    "hostname": socket.gethostname(),
}


def read_strict(path):
    with open(path) as f:
        return f.read()


report["shadow"] = attempt(lambda: len(read_strict("/etc/shadow")))
try:
    import sortedcontainers

    report["sortedcontainers"] = sortedcontainers.__version__
except ImportError:
    report["sortedcontainers"] = None
print("PROBE " + json.dumps(report, separators=(",", ":")), flush=True)
raise RuntimeError("probe finished")
