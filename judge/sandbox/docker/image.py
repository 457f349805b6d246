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

import judge
from judge.errors import JudgeError
from judge.sandbox.docker import engine
from judge.sandbox.docker.config import image_tag

BASE_IMAGE = "debian:bookworm-slim"  # the Dockerfile's FROM
OFFLINE_SCRIPT = "build-offline.sh"
REGISTRY_TIMEOUT = 10
BUILD_TIMEOUT = 1800.0


class ImageError(JudgeError):
    """The image cannot be built or inspected; the message names the fix."""


def sandbox_image_dir() -> Path:
    """sandbox-image/: shipped in the wheel as judge/_data/sandbox-image, at the repo top otherwise."""
    package = Path(judge.__file__).resolve().parent
    packaged = package / "_data" / "sandbox-image"
    if packaged.is_dir():
        return packaged
    return package.parent / "sandbox-image"


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


def _client(timeout: int) -> Any:
    try:
        import docker  # noqa: F401
    except ImportError as exc:
        raise ImageError(f"the Docker SDK for Python is not installed; fix: {engine.INSTALL_SDK}") from exc
    try:
        return engine.connect(timeout)
    except Exception as exc:
        detail, fix = engine.engine_problem(exc)
        raise ImageError(f"{detail}; fix: {fix}") from exc


def status() -> ImageStatus:
    """From the engine probe the docker sandbox's availability also uses: one probe per process."""
    state = engine.probe()
    if not state.answered or state.image is None:
        return ImageStatus(tag=state.tag, engine=state.answered, engine_detail=state.detail, fix=state.fix)
    info = state.image
    config = info.get("Config") or {}
    return ImageStatus(
        tag=state.tag, engine=True, engine_detail=state.detail, present=True, image_id=info.get("Id", ""),
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
        why = getattr(exc, "explanation", None) or engine.one_line(exc)  # APIError: the engine's own words
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
    engine.refresh()
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
