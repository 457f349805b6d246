"""The Docker runner image: its tag, where its build files are, whether it exists, and building it.

Two ways to build the same image (Debian bookworm's python3 3.11 at /usr/bin/python3 plus
python3-sortedcontainers, user 65534): the Dockerfile, when the engine can pull its base image
from a registry (or already has it), or sandbox-image/build-offline.sh, which debootstraps the root
from the machine's apt mirror and `docker import`s it, for machines with no image registry.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge import __version__
from judge.errors import JudgeError

IMAGE_REPOSITORY = "judge-runner"
BASE_IMAGE = "debian:bookworm-slim"  # the Dockerfile's FROM
OFFLINE_SCRIPT = "build-offline.sh"
REGISTRY_TIMEOUT = 10.0
BUILD_TIMEOUT = 1800.0


class ImageError(JudgeError):
    """The image cannot be built or inspected; the message names the fix."""


def image_tag() -> str:
    """The runner image a run uses: tagged with the judge's version, so an upgrade rebuilds it.
    JUDGE_DOCKER_IMAGE overrides it (a locally built variant, a CI cache)."""
    return os.environ.get("JUDGE_DOCKER_IMAGE") or f"{IMAGE_REPOSITORY}:{__version__}"


def sandbox_image_dir() -> Path:
    """sandbox-image/: shipped in the wheel as judge/_data/sandbox-image, at the repo top otherwise."""
    packaged = Path(__file__).parent / "_data" / "sandbox-image"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "sandbox-image"


@dataclass(frozen=True)
class ImageStatus:
    tag: str
    engine: bool  # the engine answered
    engine_detail: str  # its version, or why it did not answer
    present: bool = False
    image_id: str = ""
    size_mb: int = 0
    created: str = ""
    command: str = ""  # the image's default command (its python), when known
    fix: str = ""  # the command that makes it work, when something is missing


START_ENGINE = "start the Docker engine (`sudo systemctl start docker`; without systemd `sudo dockerd &`)"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def engine_address() -> str:
    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


def _root_oserror(exc: BaseException, depth: int = 0) -> OSError | None:
    """The OSError under the SDK's and requests' wrappers (they keep it in args or __cause__)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc
    if depth > 8:
        return None
    inner = [a for a in exc.args if isinstance(a, BaseException)]
    for candidate in [exc.__cause__, exc.__context__, *inner]:
        if candidate is not None and candidate is not exc:
            found = _root_oserror(candidate, depth + 1)
            if found is not None:
                return found
    return None


def engine_problem(exc: BaseException) -> tuple[str, str]:
    """(what is wrong, the fix) for an engine that did not answer: one short line each."""
    root = _root_oserror(exc)
    reason = root.strerror if root is not None else _one_line(exc)
    detail = f"no Docker engine answers at {engine_address()} ({reason})"
    if isinstance(root, PermissionError):
        return detail, "let your user reach the engine: sudo usermod -aG docker $USER, then log in again"
    return detail, f"{START_ENGINE}, then `judge image build`"


def _client(timeout: float) -> Any:
    try:
        import docker
    except ImportError as exc:
        raise ImageError("the Docker SDK for Python is not installed; fix: pip install 'docker>=7'") from exc
    try:
        return docker.from_env(timeout=timeout)
    except Exception as exc:
        detail, fix = engine_problem(exc)
        raise ImageError(f"{detail}; fix: {fix}") from exc


def status() -> ImageStatus:
    tag = image_tag()
    try:
        client = _client(2.0)
    except ImageError as exc:
        detail, _, fix = str(exc).partition("; fix: ")
        return ImageStatus(tag=tag, engine=False, engine_detail=detail, fix=fix)
    import docker

    try:
        engine = f"Docker engine {client.version().get('Version', '?')} at {engine_address()}"
        try:
            info = client.api.inspect_image(tag)
        except docker.errors.ImageNotFound:
            return ImageStatus(tag=tag, engine=True, engine_detail=engine, fix="judge image build")
    except Exception as exc:
        detail, fix = engine_problem(exc)
        return ImageStatus(tag=tag, engine=False, engine_detail=detail, fix=fix)
    finally:
        client.close()
    config = info.get("Config") or {}
    return ImageStatus(
        tag=tag, engine=True, engine_detail=engine, present=True, image_id=info.get("Id", ""),
        size_mb=int(info.get("Size", 0)) // 1_000_000, created=str(info.get("Created", ""))[:19],
        command=" ".join(config.get("Cmd") or []),
    )


def registry_reachable(client: Any) -> tuple[bool, str]:
    """Can the engine get the Dockerfile's base image? Asks the engine itself, so its own proxy
    and mirror settings count, not the judge's."""
    import docker

    try:
        client.api.inspect_image(BASE_IMAGE)
        return True, f"{BASE_IMAGE} is already present"
    except docker.errors.ImageNotFound:
        pass
    try:
        client.api.inspect_distribution(BASE_IMAGE)
        return True, f"the engine reaches the registry for {BASE_IMAGE}"
    except Exception as exc:
        why = getattr(exc, "explanation", None) or _one_line(exc)  # APIError: the engine's own words
        return False, f"the engine cannot fetch {BASE_IMAGE}: {' '.join(str(why).split())[:200]}"


@dataclass(frozen=True)
class BuildResult:
    tag: str
    method: str  # "dockerfile", "offline" or "present"
    seconds: float
    reason: str = ""


def build(*, offline: bool = False, force: bool = False, log: Callable[[str], None] = print) -> BuildResult:
    """Build the runner image unless it is there; the Dockerfile when a registry is reachable,
    else (or with offline=True) build-offline.sh."""
    import docker

    began = time.perf_counter()
    tag = image_tag()
    folder = sandbox_image_dir()
    if not (folder / "Dockerfile").is_file():
        raise ImageError(f"the image build files are missing: {folder} (reinstall judge)")
    client = _client(REGISTRY_TIMEOUT)
    try:
        try:
            client.api.inspect_image(tag)
            if not force:
                return BuildResult(tag, "present", time.perf_counter() - began, "already built")
            log(f"removing {tag} to rebuild it")
            client.api.remove_image(tag, force=True)
        except docker.errors.ImageNotFound:
            pass
        if offline:
            method, reason = "offline", "--offline"
        else:
            reachable, reason = registry_reachable(client)
            method = "dockerfile" if reachable else "offline"
        log(f"building {tag} ({method}: {reason})")
        if method == "dockerfile":
            _build_dockerfile(client, folder, tag, log)
        else:
            _build_offline(folder, tag, log)
    finally:
        client.close()
    from judge.sandbox.docker import refresh_availability

    refresh_availability()
    return BuildResult(tag, method, time.perf_counter() - began, reason)


def _build_dockerfile(client: Any, folder: Path, tag: str, log: Callable[[str], None]) -> None:
    # network_mode host: RUN apt-get must reach the mirror even on engines started with
    # --bridge=none (see sandbox-image/NOTES-docker.md), and it costs nothing elsewhere.
    client.api.timeout = BUILD_TIMEOUT
    stream = client.api.build(path=str(folder), tag=tag, rm=True, forcerm=True, decode=True,
                              network_mode="host", labels={"judge.image": "runner"})
    for chunk in stream:
        if "error" in chunk:
            problem = str(chunk["error"]).strip()
            raise ImageError(f"docker build failed: {problem}; fix: judge image build --offline")
        text = str(chunk.get("stream", "")).rstrip()
        if text:
            log(text)


def _build_offline(folder: Path, tag: str, log: Callable[[str], None]) -> None:
    script = folder / OFFLINE_SCRIPT
    if os.geteuid() != 0:
        raise ImageError(f"the offline build runs debootstrap and needs root; fix: sudo bash {script} {tag}")
    process = subprocess.Popen(["bash", str(script), tag], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    assert process.stdout is not None
    for line in process.stdout:
        log(line.rstrip())
    if process.wait() != 0:
        raise ImageError(f"{script} failed with status {process.returncode} (its output is above)")
