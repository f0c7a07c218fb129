#!/bin/sh
# Build the offline bundle (`make bundle`): one tar with the committed project tree, a VERSION file and every
# wheel it needs (the project's own and all its dependencies'), so a kiosk PC without internet installs with
# `sh kiosk-so-<version>/config/deploy/install.sh --no-packages` (pip --no-index). Run it on a machine with
# registry access and the same Debian release (the same Python) as the kiosk PCs. See "Offline bundle" in README.md.
# Usage: sh scripts/make-bundle.sh [OUTDIR]   (default: build/); prints the bundle's path.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/build}" && cd "${1:-$ROOT/build}" && pwd)
PYTHON=${PYTHON:-python3}

base=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml")
VERSION="$base-$(git -C "$ROOT" rev-parse --short=10 HEAD)"
NAME="kiosk-so-$VERSION"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
    echo "make-bundle: note: uncommitted changes are not in the bundle (it holds the commit $VERSION)." >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/$NAME" "$work/build"
git -C "$ROOT" -c tar.umask=022 archive --format=tar HEAD | tar -C "$work/$NAME" -xf -
git -C "$ROOT" archive --format=tar HEAD | tar -C "$work/build" -xf -  # built here: the bundle's tree stays clean
printf '%s\n' "$VERSION" > "$work/$NAME/VERSION"
# Wheels only (no source archives to build on the kiosk PC), for this machine's Python and platform.
"$PYTHON" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$work/$NAME/wheels" "$work/build"
tar -C "$work" -cf "$OUT/$NAME.tar.partial" "$NAME"
mv "$OUT/$NAME.tar.partial" "$OUT/$NAME.tar"
echo "$OUT/$NAME.tar"
