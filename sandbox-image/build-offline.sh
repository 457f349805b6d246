#!/usr/bin/env bash
# Build the sandbox runner image with no image registry: debootstrap a minimal
# Debian bookworm root (python3 + sortedcontainers, nodejs) from the machine's own apt
# mirror and `docker import` it.  Run as root with a docker daemon up
# (.ci/install-docker.sh).
#
#   bash sandbox-image/build-offline.sh judge-runner:0.2.0
#
# Result: python3 at /usr/bin/python3 (Debian's 3.11), sortedcontainers
# importable, node at /usr/bin/node (Debian's 18), default user 65534:65534 (nobody:nogroup), workdir /tmp.
# Env: MIRROR overrides the mirror; DEBOOTSTRAP_CACHE the .deb cache dir.
set -euo pipefail

TAG=${1:?usage: $0 IMAGE:TAG   (e.g. judge-runner:0.2.0)}
start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# Cache: a tag that already exists is trusted as built (bump the tag to rebuild).
if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "build-offline: $TAG already exists ($(elapsed)s)"
    exit 0
fi
docker info >/dev/null 2>&1 || {
    echo "build-offline: no docker daemon answering; run .ci/install-docker.sh first" >&2
    exit 1
}

if ! command -v debootstrap >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends debootstrap >/dev/null
fi

# Mirror: the one apt already uses for the "bookworm" suite (the only registry
# we can reach), from one-line *.list or deb822 *.sources files.
find_mirror() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        # deb [opts] URI SUITE COMPONENTS...
        sed -E 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # Paragraph mode: a stanza with Suites containing the word bookworm.
        awk 'BEGIN { RS = ""; FS = "\n" }
             /(^|\n)Enabled: *no/ { next }
             /(^|\n)Suites:([^\n]* )?bookworm( |\n|$)/ {
                 for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, a, " "); print a[2]; exit }
             }' "$f"
    done
}
MIRROR=${MIRROR:-$(find_mirror | head -n1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
echo "build-offline: mirror $MIRROR"

ROOT=$(mktemp -d /var/tmp/judge-rootfs.XXXXXX)
# --one-file-system: never follow into a /proc or /sys debootstrap left mounted.
trap 'umount -R "$ROOT/proc" "$ROOT/sys" 2>/dev/null || true; rm -rf --one-file-system "$ROOT"' EXIT

# minbase = essential packages + apt only.  python3-minimal gives
# /usr/bin/python3; libpython3.11-stdlib the rest of the stdlib; Debian's
# python3-sortedcontainers is pure Python (it drags in the small python3
# package); nodejs runs JavaScript submissions (it needs the node-* modules under
# /usr/share/nodejs that it depends on, or it aborts at start).  The .deb cache makes a rebuild of a deleted image fast.
CACHE=${DEBOOTSTRAP_CACHE:-/var/cache/judge-debootstrap}
mkdir -p "$CACHE"
debootstrap --variant=minbase --components=main --cache-dir="$CACHE" \
    --include=python3-minimal,libpython3.11-stdlib,python3-sortedcontainers,nodejs \
    bookworm "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 || {
    echo "build-offline: debootstrap failed, last lines of $ROOT.log:" >&2
    tail -n 30 "$ROOT.log" >&2
    exit 1
}
rm -f "$ROOT.log"

# Strip what a judge run never reads (docs, man pages, translations, apt
# state and caches, logs).  Stdlib __pycache__ is kept on purpose: the root
# is mounted read-only, so without it every start would recompile imports.
rm -rf "$ROOT"/usr/share/{doc,man,info,locale,lintian,linda} \
    "$ROOT"/var/cache/apt/* "$ROOT"/var/lib/apt/lists/* \
    "$ROOT"/var/cache/debconf/*-old "$ROOT"/var/log/* "$ROOT"/tmp/* \
    "$ROOT"/etc/apt/sources.list "$ROOT"/etc/apt/sources.list.d/*
test -x "$ROOT/usr/bin/python3"
test -x "$ROOT/usr/bin/node"

# --numeric-owner: ids inside the image must not be remapped via host names.
tar --numeric-owner -C "$ROOT" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PYTHONDONTWRITEBYTECODE=1' \
    --change 'USER 65534:65534' \
    --change 'WORKDIR /tmp' \
    --change 'CMD ["/usr/bin/python3"]' \
    --message "debootstrap bookworm minbase + python3 + sortedcontainers + nodejs" \
    - "$TAG" >/dev/null

# Smoke test, under the same restrictions the judge uses.
docker run --rm --network none --read-only "$TAG" \
    /usr/bin/python3 -c 'import sys, sortedcontainers; print("build-offline: python", sys.version.split()[0], "sortedcontainers", sortedcontainers.__version__)'

docker run --rm --network none --read-only "$TAG" /usr/bin/node -e 'console.log("build-offline: node", process.version)'

size=$(docker image inspect -f '{{.Size}}' "$TAG")
echo "build-offline: built $TAG ($((size / 1000000)) MB) in $(elapsed)s"
