"""The Docker sandbox backend, as a package: config (the container, a pure function), engine (client
and the one probe), process (the Popen look-alike), cleanup (every exit path), image (`judge image`),
backend (the Sandbox)."""

from judge.sandbox.docker.backend import DockerSandbox

__all__ = ["DockerSandbox"]
