#!/usr/bin/env bash
# CI: the hostile suite (tests/test_hostile.py) as an unprivileged user, next to the root run that
# scripts/test.sh makes. Run as root: it copies the worktree where that user can read and write it,
# gives the copy a virtualenv on the system Python (the judge's own interpreter may live under /root,
# which that user cannot reach), and runs pytest as uid/gid 65534 with no supplementary groups.
#
#   bash .ci/hostile-nonroot.sh [pytest args...]
#
# Env: HOSTILE_UID (default 65534), HOSTILE_PYTHON (default /usr/bin/python3, 3.11+),
#      HOSTILE_KEEP=1 keeps the copy (its path is printed).
# Docker is not reachable by that user (the engine socket is root's): its cases are not collected,
# which the summary says; bwrap and process run without a cgroup they may create, so the memory
# attacks are expected to get through there (tests/test_hostile.py: UNCONTAINED, PER_PROCESS).
set -euo pipefail
cd "$(dirname "$0")/.."

USER_ID=${HOSTILE_UID:-65534}
PYTHON=${HOSTILE_PYTHON:-/usr/bin/python3}
[ "$(id -u)" = 0 ] || { echo "hostile-nonroot: run as root (it switches to uid $USER_ID itself)" >&2; exit 2; }
command -v setpriv >/dev/null || { echo "hostile-nonroot: setpriv (util-linux) is missing" >&2; exit 2; }

COPY=$(mktemp -d /tmp/judge-nonroot.XXXXXX)
cleanup() { [ "${HOSTILE_KEEP:-0}" = 1 ] && echo "hostile-nonroot: kept $COPY" || rm -rf "$COPY"; }
trap cleanup EXIT
chmod 755 "$COPY"

# The tracked files plus the working tree's changes: what is being tested, not what was committed.
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -C "$COPY" -xf -
"$PYTHON" -m venv "$COPY/.venv"
"$COPY/.venv/bin/python" -m pip install -q --disable-pip-version-check -e "$COPY[test]"
mkdir -p "$COPY/home"
chown -R "$USER_ID:$USER_ID" "$COPY"

echo "hostile-nonroot: tests/test_hostile.py as uid $USER_ID ($("$COPY/.venv/bin/python" -V))"
cd "$COPY"
started=$(date +%s)
status=0
setpriv --reuid="$USER_ID" --regid="$USER_ID" --clear-groups -- \
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$COPY/home" LANG=C.UTF-8 \
  "$COPY/.venv/bin/python" -m pytest -q -p no:cacheprovider -rxX tests/test_hostile.py "$@" || status=$?
echo "hostile-nonroot: done in $(( $(date +%s) - started )) s, status $status"
exit $status
