"""The Docker engine: one client per judge process, and one probe that answers both "does the
docker sandbox work here" and `judge image status` (engine reachable? its version? the image?).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from judge.sandbox.docker.config import image_tag

if TYPE_CHECKING:
    import docker as docker_sdk

PROBE_TIMEOUT = 2  # the probe must stay cheap even with a hung engine
API_TIMEOUT = 30
START_ENGINE = "start the Docker engine (`sudo systemctl start docker`; without systemd `sudo dockerd &`)"
INSTALL_SDK = "pip install 'docker>=7'"


@dataclass(frozen=True)
class EngineState:
    """What the probe found: whether the engine answered, and the runner image if it is there."""

    tag: str
    answered: bool
    detail: str  # "Docker engine 20.10 at unix://...", or why it did not answer
    fix: str = ""
    version: str = ""
    image: dict[str, Any] | None = None  # the engine's inspect of `tag`; None: missing


def engine_address() -> str:
    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


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
    reason = root.strerror if root is not None else one_line(exc)
    detail = f"no Docker engine answers at {engine_address()} ({reason})"
    if isinstance(root, PermissionError):
        return detail, "let your user reach the engine: sudo usermod -aG docker $USER, then log in again"
    return detail, f"{START_ENGINE}, then `judge image build`"


def connect(timeout: int) -> docker_sdk.DockerClient:
    """A new client (the SDK asks the engine for its API version here); raises what the SDK raises."""
    import docker

    return docker.from_env(timeout=timeout)


_client_lock = threading.Lock()
_client_cache: list[docker_sdk.DockerClient] = []


def client() -> docker_sdk.DockerClient:
    """One client per judge process (its connection pool serves the waiter threads too)."""
    with _client_lock:
        if not _client_cache:
            _client_cache.append(connect(API_TIMEOUT))
        return _client_cache[0]


def probe() -> EngineState:
    """The engine and the current image tag, asked once per judge process (per tag and address)."""
    return _probe(image_tag(), engine_address())


def refresh() -> None:
    """Forget the probe's answer (after `judge image build`, say)."""
    _probe.cache_clear()


@cache
def _probe(tag: str, address: str) -> EngineState:
    try:
        import docker
    except ImportError:
        return EngineState(tag, False, "the Docker SDK for Python is not installed", INSTALL_SDK)
    try:
        probe_client: Any = connect(PROBE_TIMEOUT)  # Any: the SDK's API mixins are untyped
    except Exception as exc:  # no socket, permission denied, a hung engine...
        return EngineState(tag, False, *engine_problem(exc))
    try:
        version = str(probe_client.version().get("Version", "?"))
        detail = f"Docker engine {version} at {address}"
        try:
            image: dict[str, Any] | None = dict(probe_client.api.inspect_image(tag))
        except docker.errors.ImageNotFound:
            image = None
    except Exception as exc:
        return EngineState(tag, False, *engine_problem(exc))
    finally:
        probe_client.close()
    return EngineState(tag, True, detail, "" if image is not None else "judge image build", version, image)
