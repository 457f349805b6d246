#!/usr/bin/env bash
# Sets judge up on a fresh Linux machine: bubblewrap (the default sandbox), Node.js (JavaScript
# submissions) and a virtualenv in .venv with judge installed (editable) and its test tools.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v bwrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq bubblewrap >/dev/null
  else
    echo "setup: bubblewrap is not installed and there is no apt-get; install it with your package" \
         "manager, or judge will fall back to the unisolated 'process' sandbox (see judge doctor)" >&2
  fi
fi

# Node.js >= 18 judges JavaScript submissions; Debian's nodejs is 18. An existing newer node is kept.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs >/dev/null
  else
    echo "setup: Node.js 18 or newer is not installed; JavaScript submissions need it (see judge doctor)" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
