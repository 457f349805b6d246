#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the whole test suite: lint, then pytest against the real
# sandboxes. With JUDGE_REQUIRE_DOCKER=1 (CI) it also installs and starts a Docker engine, builds
# the runner image offline, and the Docker backend tests must run rather than skip. With
# JUDGE_TEST_NEIGHBOURS=N, N busy processes (scripts/neighbours.py: spin and trash the caches) run
# beside pytest, as on a candidate's laptop with a browser and a build going: verdicts must not flip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [ "${JUDGE_REQUIRE_DOCKER:-0}" = 1 ]; then
  bash .ci/install-docker.sh
  version=$(.venv/bin/python -c 'import judge; print(judge.__version__)')
  bash sandbox-image/build-offline.sh "judge-runner:${version}"
fi

.venv/bin/ruff check judge tests problems templates scripts
.venv/bin/mypy  # --strict on judge/, configured in pyproject.toml
if [ "${JUDGE_TEST_NEIGHBOURS:-0}" -gt 0 ]; then
  .venv/bin/python scripts/neighbours.py "$JUDGE_TEST_NEIGHBOURS" &
  neighbours=$!
  trap 'kill "$neighbours" 2>/dev/null || true' EXIT
fi
.venv/bin/python -m pytest -q "$@"
