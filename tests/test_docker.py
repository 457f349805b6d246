"""The Docker sandbox backend: verdicts through the real CLI, every hardening setting (in the config
the backend builds, and from inside a running container), cleanup on every exit, the image commands.

The tests that need an engine and the runner image skip, with the reason and the fix, when either is
missing, unless JUDGE_REQUIRE_DOCKER=1 (CI), where they fail instead. The config and choice tests
need neither and always run.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from judge import languages, sandbox
from judge.errors import SandboxUnavailable
from judge.models import Limits
from judge.sandbox import seccomp
from judge.sandbox.base import SANDBOX_JUDGE, Availability, Staging
from judge.sandbox.docker import backend as docker_backend
from judge.sandbox.docker import cleanup, image
from judge.sandbox.docker import config as docker_config
from judge.sandbox.docker import engine as docker_engine
from judge.sandbox.docker import process as container_process

from .conftest import PROBLEMS, ROOT

SUBMISSIONS = Path(__file__).parent / "submissions" / "docker"
SANDBOX_SOLUTION = "/sandbox/solution.py"
ORDERBOOK = PROBLEMS / "orderbook" / "submissions"
HOST = socket.gethostname()
REQUIRE = os.environ.get("JUDGE_REQUIRE_DOCKER") == "1"
_OWNERS: list[int] = []  # pids of every judge process these tests started


# -- helpers ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine() -> None:
    """Skip (or, under JUDGE_REQUIRE_DOCKER=1, fail) when the engine or the image is missing."""
    docker_engine.refresh()
    status = docker_backend.DockerSandbox.availability()
    if not status.ok:
        message = f"docker sandbox unavailable: {status.detail}; fix: {status.fix}"
        if REQUIRE:
            pytest.fail(f"JUDGE_REQUIRE_DOCKER=1 but {message}", pytrace=False)
        pytest.skip(message)


def _docker(*args: str) -> list[str]:
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _containers_of(pid: int) -> list[str]:
    """Every container (running or not) the judge process `pid` created."""
    return _docker("ps", "-aq", "--filter", f"label={docker_config.LABEL_OWNER}={HOST}:{pid}")


def _popen(*args: str) -> subprocess.Popen[str]:
    def default_sigint() -> None:
        # A shell that started pytest in the background leaves SIGINT ignored, and Python would then
        # not turn it into KeyboardInterrupt: give the judge the disposition a terminal gives it.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    process = subprocess.Popen(
        [sys.executable, "-m", "judge.cli", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "COLUMNS": "120"}, preexec_fn=default_sigint,
    )
    _OWNERS.append(process.pid)
    return process


def judge_run(submission: Path, *extra: str, timeout: float = 300) -> dict[str, Any]:
    """`judge run orderbook FILE --sandbox docker --json`; asserts the run left no container."""
    process = _popen("run", "orderbook", str(submission), "--sandbox", "docker", "--json", *extra)
    out, err = process.communicate(timeout=timeout)
    assert process.returncode in (0, 1), f"exit {process.returncode}: {err[-2000:]}"
    report = json.loads(out)
    assert report["sandbox"] == "docker"
    assert _containers_of(process.pid) == [], "the run left its container behind"
    return report


def _wait_for_container(pid: int, timeout: float = 30) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _docker("ps", "-q", "--filter", f"label={docker_config.LABEL_OWNER}={HOST}:{pid}")
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"judge process {pid} never started a container")


@pytest.fixture(scope="module")
def probe(engine: None) -> dict[str, Any]:
    """What tests/submissions/docker/probe.py saw from inside the container (one run serves all)."""
    report = judge_run(SUBMISSIONS / "probe.py")
    assert report["verdict"] == "runtime_error", report["message"]
    lines = [line for line in report["stderr"].splitlines() if line.startswith("PROBE ")]
    assert lines, f"the probe printed nothing: {report['stderr'][-2000:]}"
    return json.loads(lines[0].removeprefix("PROBE "))


@pytest.fixture
def config(tmp_path: Path) -> dict[str, Any]:
    pytest.importorskip("docker")
    staging = Staging(root=tmp_path, solution=tmp_path / "solution.py", judge_dir=tmp_path / "judge",
                      scratch=tmp_path / "scratch", language=languages.DEFAULT)
    limits = Limits(cpu_seconds=7, memory_mb=300, processes=20, file_mb=8)
    return docker_config.container_config(staging, limits, "judge-runner:x", owner="h:1", expires=5.0)


# -- the config the backend builds: every hardening setting, no engine needed ------------------
def test_config_no_network(config: dict[str, Any]) -> None:
    assert config["network_mode"] == "none"


def test_config_read_only_root_and_small_private_tmp(config: dict[str, Any]) -> None:
    assert config["read_only"] is True
    assert list(config["tmpfs"]) == ["/tmp"]
    options = config["tmpfs"]["/tmp"].split(",")
    assert {"rw", "noexec", "nosuid", "nodev", "size=8m"} <= set(options)
    assert config["ipc_mode"] == "none"  # no /dev/shm either


def test_config_memory_limit_with_no_swap_beyond_it(config: dict[str, Any]) -> None:
    assert config["mem_limit"] == "300m"
    assert config["memswap_limit"] == config["mem_limit"]


def test_config_process_limit_counts_tini_too(config: dict[str, Any]) -> None:
    assert config["pids_limit"] == 21


def test_config_cpu_quota_of_one_cpu(config: dict[str, Any]) -> None:
    assert config["nano_cpus"] == 1_000_000_000


def test_config_no_capabilities_no_new_privileges_not_root(config: dict[str, Any]) -> None:
    assert config["cap_drop"] == ["ALL"]
    assert "cap_add" not in config and "privileged" not in config
    assert config["security_opt"][0] == "no-new-privileges"
    assert config["user"] == "65534:65534"


def test_config_seccomp_profile_is_the_bwrap_denylist(config: dict[str, Any]) -> None:
    """Docker's default profile allows ptrace and (before Engine 25) io_uring: ours replaces it."""
    (option,) = [o for o in config["security_opt"] if o.startswith("seccomp=")]
    profile = json.loads(option.removeprefix("seccomp="))
    assert profile["defaultAction"] == "SCMP_ACT_ALLOW"
    denied = {name for rule in profile["syscalls"] if "args" not in rule and rule["errnoRet"] == 1
              for name in rule["names"]}
    assert {"ptrace", "io_uring_setup", "mount", "unshare", "setns", "keyctl", "bpf"} <= denied
    assert set(seccomp.DENIED) == denied
    assert [r["names"] for r in profile["syscalls"] if r["errnoRet"] == 38] == [["clone3"]]
    flags = [r["args"][0]["value"] for r in profile["syscalls"] if "args" in r]
    assert sum(flags) == seccomp.NAMESPACE_FLAGS  # one rule per namespace flag of clone


def test_config_mounts_only_the_submission_and_the_harness_read_only(config: dict[str, Any]) -> None:
    mounts = config["mounts"]
    assert [(m["Target"], m["Type"], m["ReadOnly"]) for m in mounts] == [
        (SANDBOX_SOLUTION, "bind", True), (SANDBOX_JUDGE, "bind", True)]
    assert mounts[0]["Source"].endswith("solution.py") and mounts[1]["Source"].endswith("judge")
    assert "volumes" not in config and "volumes_from" not in config


def test_config_rlimits_match_the_other_backends(config: dict[str, Any]) -> None:
    ulimits = {u["Name"]: (u["Soft"], u["Hard"]) for u in config["ulimits"]}
    assert ulimits == {"cpu": (7, 8), "fsize": (8 << 20, 8 << 20), "nofile": (256, 256), "core": (0, 0)}


def test_config_env_is_explicit_and_minimal(config: dict[str, Any]) -> None:
    env = config["environment"]
    # No PYTHONHASHSEED: the harness runs with -I, which ignores every PYTHON* variable.
    assert set(env) == {"PATH", "LANG", "HOME", "JUDGE_SITE"}
    # The harness runs python -S, so dist-packages (sortedcontainers) is only on sys.path via JUDGE_SITE.
    assert env["JUDGE_SITE"] == "/usr/lib/python3/dist-packages"
    assert "-S" in config["command"] and config["command"][-1] == f"{SANDBOX_JUDGE}/harness.py"


def test_config_labels_init_logs_and_pipe(config: dict[str, Any]) -> None:
    assert config["labels"] == {"judge": "1", "judge.owner": "h:1", "judge.expires": "5"}
    assert config["init"] is True
    assert config["log_config"]["Type"] == "none"
    assert config["stdin_open"] is True and config["tty"] is False


def test_exit_status_names_the_signal_as_tini_reports_it() -> None:
    backend = docker_backend.DockerSandbox()
    assert backend.signal_name(137) == "SIGKILL"
    assert backend.signal_name(128 + signal.SIGXCPU) == "SIGXCPU"
    assert backend.signal_name(134) == "SIGABRT"
    assert backend.signal_name(0) is None and backend.signal_name(1) is None


def test_stale_means_expired_or_orphaned_but_never_a_live_run() -> None:
    now = 10_000.0
    mine = f"{HOST}:{os.getpid()}"
    labels = {docker_config.LABEL_OWNER: mine, docker_config.LABEL_EXPIRES: str(now + 60)}
    assert not cleanup.is_stale(labels, now - 10, now)
    assert cleanup.is_stale({**labels, docker_config.LABEL_EXPIRES: str(now - 1)}, now - 10, now)
    dead = subprocess.Popen(["true"])  # a pid that has exited
    dead.wait()
    orphan = {docker_config.LABEL_OWNER: f"{HOST}:{dead.pid}", docker_config.LABEL_EXPIRES: str(now + 60)}
    assert cleanup.is_stale(orphan, now - 10, now)
    elsewhere = {docker_config.LABEL_OWNER: "another-host:1", docker_config.LABEL_EXPIRES: str(now + 60)}
    assert not cleanup.is_stale(elsewhere, now - 10, now)
    assert cleanup.is_stale({}, now - 600, now) and not cleanup.is_stale({}, now - 60, now)


# -- choosing -----------------------------------------------------------------------------------
def test_docker_is_registered_between_bwrap_and_process() -> None:
    assert sandbox.BACKENDS["docker"] is docker_backend.DockerSandbox
    assert sandbox.AUTO_ORDER == ["bwrap", "docker", "process"]


def test_an_unavailable_docker_fails_in_one_line_naming_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = Availability(False, "Docker engine 1 answers, but the image judge-runner:0 is missing",
                           "judge image build")
    monkeypatch.setattr(docker_backend.DockerSandbox, "availability", classmethod(lambda cls: missing))
    with pytest.raises(SandboxUnavailable) as caught:
        sandbox.choose("docker")
    assert "\n" not in str(caught.value) and str(caught.value).endswith("fix: judge image build")


def test_availability_names_the_engine_fix_when_no_engine_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docker")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{ROOT}/no-such-docker.sock")
    status = docker_backend.DockerSandbox.availability()
    assert not status.ok
    assert "no-such-docker.sock" in status.detail and "No such file" in status.detail
    assert "start the Docker engine" in status.fix and "judge image build" in status.fix


# -- verdicts through the real CLI -------------------------------------------------------------
VERDICTS = [
    pytest.param(ORDERBOOK / "accepted" / "sorteddict.py", (), "accepted", None, id="accepted"),
    pytest.param(ORDERBOOK / "complexity_failed" / "sorted_list_insort.py", (), "complexity_failed", None,
                 id="complexity_failed"),
    pytest.param(SUBMISSIONS / "wrong_answer.py", ("--no-complexity",), "wrong_answer", None,
                 id="wrong_answer"),
    pytest.param(SUBMISSIONS / "too_slow.py", ("--time-limit", "1"), "time_limit_exceeded",
                 "wall time 1 s per call", id="tle_wall"),
    pytest.param(SUBMISSIONS / "too_slow.py", ("--time-limit", "30", "--wall-limit", "2"),
                 "time_limit_exceeded", "wall time 2 s for the whole run", id="tle_whole_run"),
    # RLIMIT_CPU as an engine ulimit: SIGXCPU through tini (exit 152) still reads as the CPU limit.
    pytest.param(SUBMISSIONS / "too_slow.py", ("--cpu-limit", "1", "--time-limit", "20"),
                 "time_limit_exceeded", "CPU time 1 s", id="tle_cpu"),
    pytest.param(SUBMISSIONS / "crash.py", (), "runtime_error", None, id="crash"),
    # The memory cgroup's OOM kill, read from the engine's State.OOMKilled, not reported as a crash.
    pytest.param(SUBMISSIONS / "memory_bomb.py", ("--memory-limit", "128"), "memory_limit_exceeded",
                 "memory 128 MB", id="memory_bomb"),
]


@pytest.mark.docker
@pytest.mark.parametrize(("submission", "extra", "verdict", "limit"), VERDICTS)
def test_verdict(engine: None, submission: Path, extra: tuple[str, ...], verdict: str,
                 limit: str | None) -> None:
    report = judge_run(submission, *extra)
    assert report["verdict"] == verdict, report["message"]
    assert report["limit"] == limit
    assert report["timings"]["sandbox_start"] > 0
    if submission.name == "crash.py":
        assert "SIGABRT" in report["message"]


# -- hardening, seen from inside ---------------------------------------------------------------
@pytest.mark.docker
def test_inside_no_network(probe: dict[str, Any]) -> None:
    assert probe["interfaces"] == ["lo"]
    assert not probe["connect"].startswith("ok")  # ENETUNREACH


@pytest.mark.docker
def test_inside_read_only_everywhere_but_tmp(probe: dict[str, Any]) -> None:
    for key in ("write_root", "write_etc", "write_solution", "write_judge"):
        assert probe[key] == "OSError:30", f"{key}: {probe[key]}"  # EROFS
    assert probe["write_tmp"] == "ok"


@pytest.mark.docker
def test_inside_not_root_no_capabilities_no_new_privileges(probe: dict[str, Any]) -> None:
    assert probe["uid"] == [65534, 65534, 65534, [65534]]
    assert probe["shadow"] == "PermissionError:13"
    assert probe["setuid0"] == "PermissionError:1"
    status = probe["status"]
    assert status["CapEff"] == status["CapPrm"] == status["CapBnd"] == "0000000000000000"
    assert status["NoNewPrivs"] == "1"
    assert status["Seccomp"] == "2"  # a seccomp filter is on: ours (tests/hostile/kernel_surface.py, ptrace_peek.py)


@pytest.mark.docker
def test_inside_limits(probe: dict[str, Any]) -> None:
    limits = Limits()  # orderbook sets only call_seconds
    assert probe["rlimits"] == {"cpu": [20, 21], "fsize": [16 << 20, 16 << 20], "nofile": [256, 256],
                                "core": [0, 0]}
    cgroup = probe["cgroup"]
    memory = str(limits.memory_mb << 20)
    if "memory/memory.limit_in_bytes" in cgroup:  # cgroup v1
        assert cgroup["memory/memory.limit_in_bytes"] == memory
        assert cgroup["memory/memory.memsw.limit_in_bytes"] == memory
        assert cgroup["pids/pids.max"] == str(limits.processes + 1)
        assert cgroup["cpu/cpu.cfs_quota_us"] == cgroup["cpu/cpu.cfs_period_us"]
    else:  # cgroup v2: swap is counted apart from memory
        assert cgroup["memory.max"] == memory and cgroup["memory.swap.max"] == "0"
        assert cgroup["pids.max"] == str(limits.processes + 1)
        quota, period = cgroup["cpu.max"].split()
        assert quota == period
    # tini and the harness already count: fewer than `processes` more threads can start.
    assert 0 < probe["threads"] < limits.processes


@pytest.mark.docker
def test_inside_nothing_of_the_host_but_submission_and_harness(probe: dict[str, Any]) -> None:
    mounts = {point: options.split(",") for point, _, options in probe["mounts"]}
    # /etc/hosts, /etc/hostname, /etc/resolv.conf are files the engine writes per container; the
    # docker-init binary is tini (init=True). Everything but the private /tmp is read-only.
    allowed = {"/", "/tmp", SANDBOX_SOLUTION, SANDBOX_JUDGE, "/usr/sbin/docker-init", "/etc/hosts",
               "/etc/hostname", "/etc/resolv.conf"}
    assert set(mounts) <= allowed, set(mounts) - allowed
    assert {SANDBOX_SOLUTION, SANDBOX_JUDGE, "/tmp", "/"} <= set(mounts)
    for point, options in mounts.items():
        assert ("rw" if point == "/tmp" else "ro") in options, (point, options)
    assert probe["engine_socket"] == []
    assert probe["env"] == ["HOME", "HOSTNAME", "JUDGE_SITE", "LANG", "PATH", "PYTHONDONTWRITEBYTECODE"]
    assert probe["hostname"] == "sandbox"
    assert probe["sortedcontainers"]  # from the image's dist-packages, via JUDGE_SITE


# -- cleanup on every exit ------------------------------------------------------------------------
@pytest.mark.docker
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_removes_its_container(engine: None, signum: int, code: int) -> None:
    process = _popen("run", "orderbook", str(SUBMISSIONS / "too_slow.py"), "--sandbox", "docker", "--json",
                     "--time-limit", "30")
    try:
        _wait_for_container(process.pid)
        time.sleep(1.0)  # well inside the run: the submission is spinning in its first call
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == code, err[-2000:]
    assert _containers_of(process.pid) == []


@pytest.mark.docker
def test_a_killed_judge_leaves_a_container_the_next_run_sweeps(engine: None) -> None:
    process = _popen("run", "orderbook", str(SUBMISSIONS / "too_slow.py"), "--sandbox", "docker", "--json",
                     "--time-limit", "30")
    try:
        _wait_for_container(process.pid)
    finally:
        process.kill()  # SIGKILL: no cleanup can run in the judge
        process.communicate()
    # Nothing in the killed judge could remove its container (unless a concurrent judge swept it).
    judge_run(SUBMISSIONS / "wrong_answer.py", "--no-complexity")
    assert _containers_of(process.pid) == [], "the next docker run did not sweep the orphan"


@pytest.mark.docker
def test_sweep_removes_orphans_and_leaves_live_runs_alone(engine: None) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    future = str(int(time.time()) + 600)
    api = docker_engine.client().api
    tag = docker_config.image_tag()

    def create(owner: str) -> str:
        labels = {"judge": "1", docker_config.LABEL_OWNER: owner, docker_config.LABEL_EXPIRES: future}
        return str(api.create_container(tag, ["true"], labels=labels)["Id"])

    live, orphan = create(f"{HOST}:{os.getppid()}"), create(f"{HOST}:{dead.pid}")  # alive, gone
    try:
        cleanup.sweep_stale()
        remaining = {row["Id"] for row in api.containers(all=True, filters={"label": "judge=1"})}
        assert live in remaining
        assert orphan not in remaining
    finally:
        for cid in (live, orphan):
            with contextlib.suppress(Exception):
                api.remove_container(cid, force=True)


@pytest.fixture(scope="module", autouse=True)
def _no_container_left_behind() -> Iterator[None]:
    yield
    if _OWNERS and docker_backend.DockerSandbox.availability().ok:
        left = [cid for pid in _OWNERS for cid in _containers_of(pid)]
        assert left == [], f"containers labelled judge=1 left behind: {left}"


# -- the image commands -------------------------------------------------------------------------
@pytest.mark.docker
def test_image_status_reports_engine_and_image(engine: None) -> None:
    process = _popen("image", "status", "--json")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    status = json.loads(out)
    assert status["engine"] and status["present"] and status["fix"] == ""
    assert status["tag"] == docker_config.image_tag()


@pytest.mark.docker
def test_image_build_is_a_no_op_when_the_image_exists(engine: None) -> None:
    process = _popen("image", "build")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "already built" in out


def test_image_status_names_the_fix_for_a_missing_image(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docker")
    monkeypatch.setenv("JUDGE_DOCKER_IMAGE", "judge-runner:no-such-tag")
    status = image.status()
    assert not status.present
    assert status.fix == "judge image build" or "start the Docker engine" in status.fix


def test_image_build_files_are_found() -> None:
    folder = image.sandbox_image_dir()
    assert (folder / "Dockerfile").is_file() and (folder / image.OFFLINE_SCRIPT).is_file()
    assert docker_config.image_tag().startswith("judge-runner:")


@pytest.mark.docker
def test_a_missing_image_at_start_names_the_fix(engine: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from judge import problems
    from judge.runner import Runner
    from judge.submission import Submission

    monkeypatch.setenv("JUDGE_DOCKER_IMAGE", "judge-runner:no-such-tag")
    entry = problems.load("orderbook").meta.entry.model_dump()
    runner = Runner(docker_backend.DockerSandbox(), Submission.read(SUBMISSIONS / "wrong_answer.py"), Limits(), entry)
    with runner, pytest.raises(SandboxUnavailable, match=r"no-such-tag is missing; fix: judge image build"):
        runner.start()
    assert _containers_of(os.getpid()) == []


@pytest.mark.docker
def test_watchdog_kills_a_container_the_judge_stopped_driving(engine: None, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if the judge hangs between requests, the container dies at the wall limit (+ grace)."""
    monkeypatch.setattr(container_process, "WATCHDOG_GRACE_SECONDS", 0.5)
    staging = _stage(tmp_path, "x = 1\n")
    limits = Limits(wall_seconds=1)
    backend = docker_backend.DockerSandbox()
    started = backend.start(staging, limits)
    try:
        code = started.process.wait(timeout=30)  # the harness idles, waiting for a request
        failure = backend.exit_failure(started, code, limits)
    finally:
        backend.kill(started)
        assert callable(started.cleanup)
        started.cleanup()
    assert backend.signal_name(code) == "SIGKILL"
    assert failure is not None and failure.verdict == "time_limit_exceeded"
    assert failure.limit == "wall time 1 s for the whole run"
    assert _containers_of(os.getpid()) == []


def _stage(root: Path, source: str) -> Staging:
    """What Runner._stage makes: the harness files and the submission, readable by uid 65534."""
    judge_dir = root / "judge"
    judge_dir.mkdir()
    for name in ("harness.py", "protocol.py"):
        (judge_dir / name).write_bytes((ROOT / "judge" / name).read_bytes())
    solution = root / "solution.py"
    solution.write_text(source)
    for path in (root, judge_dir):
        path.chmod(0o755)
    return Staging(root=root, solution=solution, judge_dir=judge_dir, scratch=root, language=languages.DEFAULT)


@pytest.mark.docker
def test_kill_is_prompt_even_when_nobody_drains_the_output(engine: None, tmp_path: Path) -> None:
    """The engine reports the exit only after the output is copied out; a judge that stopped
    reading stderr (say, the thread that reads it is the one killing) must not stall the kill."""
    from judge import protocol

    staging = _stage(tmp_path, "import sys\nwhile True:\n    sys.stderr.write('x' * 65536)\n")
    backend = docker_backend.DockerSandbox()
    started = backend.start(staging, Limits())
    try:
        entry = {"kind": "class", "name": "OrderBook", "methods": []}
        protocol.write_message(started.process.stdin,  # type: ignore[arg-type]
                               {"op": "load", "path": SANDBOX_SOLUTION, "entry": entry, "id": "1"})
        time.sleep(1.0)  # every pipe and socket buffer on the way fills up; nobody reads stderr
        began = time.monotonic()
        backend.kill(started)
        assert started.process.poll() is not None
        assert time.monotonic() - began < 5
    finally:
        assert callable(started.cleanup)
        started.cleanup()
    assert _containers_of(os.getpid()) == []
