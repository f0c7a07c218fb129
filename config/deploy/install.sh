#!/bin/sh
# Install Kiosk Số on a fresh Debian machine: packages, the "kiosk" user, the app in /opt/kiosk-so with its own
# venv, and the systemd unit that starts it in cage on tty1 at every boot.
# --dry-run prints every command it would run and changes nothing. See "Deploy on a kiosk PC" in README.md.
set -eu

usage() {
    cat <<USAGE
Usage: sh config/deploy/install.sh [--dry-run] [--user NAME] [--prefix DIR]
  --dry-run     print every command, change nothing (no root needed)
  --user NAME   the user the kiosk runs as (default: kiosk)
  --prefix DIR  where the app is installed (default: /opt/kiosk-so)
USAGE
}

DRY_RUN=0
KIOSK_USER=kiosk
PREFIX=/opt/kiosk-so
UNIT=/etc/systemd/system/kiosk-so.service
SOURCE=$(cd "$(dirname "$0")/../.." && pwd)

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --user) KIOSK_USER=${2:?--user needs a name}; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

. "$(dirname "$0")/plan.sh"

if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo sh config/deploy/install.sh), or with --dry-run to see the plan." >&2
    exit 1
fi
[ "$DRY_RUN" -eq 1 ] && echo "# Dry run: nothing is changed. Installing from $SOURCE as user $KIOSK_USER into $PREFIX."

echo "# 1. Debian packages: cage and Wayland for the kiosk session, Python and Qt's libraries for the app"
run apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cage libwayland-client0 libwayland-cursor0 libwayland-egl1 ca-certificates
run sh "$SOURCE/scripts/setup-system.sh"

echo "# 2. The user the kiosk runs as: no password, no login shell"
if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    run useradd --create-home --user-group --shell /usr/sbin/nologin --comment "Kiosk So" "$KIOSK_USER"
fi
groups=""
for group in video render input; do
    getent group "$group" >/dev/null 2>&1 && groups="${groups:+$groups,}$group"
done
[ -n "$groups" ] && run usermod --append --groups "$groups" "$KIOSK_USER"

echo "# 3. The app in $PREFIX (owned by root, read-only for the kiosk), an operator's config kept on upgrade"
run mkdir -p "$PREFIX"
if [ "$SOURCE" != "$PREFIX" ]; then
    keep=""
    [ -e "$PREFIX/config/kiosk.toml" ] && keep="--exclude=./config/kiosk.toml"
    run_sh "tar -C '$SOURCE' --exclude=./.venv --exclude=./.git --exclude=./.mypy_cache --exclude=./.ruff_cache \
--exclude=./.pytest_cache --exclude=./tour --exclude=./build --exclude='__pycache__' $keep -cf - . | tar -C '$PREFIX' --no-same-owner -xf -"
fi
run python3 -m venv "$PREFIX/.venv"
run "$PREFIX/.venv/bin/python" -m pip install -q --upgrade pip
run "$PREFIX/.venv/bin/python" -m pip install -q -e "$PREFIX"
run "$PREFIX/.venv/bin/python" "$PREFIX/main.py" --check-config

echo "# 4. The systemd unit: cage on tty1, restarted always, watchdog 30 s; tty1's getty makes way"
run_sh "sed -e 's|/opt/kiosk-so|$PREFIX|g' -e 's|^User=kiosk\$|User=$KIOSK_USER|' \
'$SOURCE/config/deploy/kiosk-so.service' > '$UNIT'"
run chmod 0644 "$UNIT"
run systemctl daemon-reload
run systemctl disable getty@tty1.service
run systemctl set-default graphical.target
run systemctl enable kiosk-so.service

echo "# Done. Reboot to start the kiosk (or: systemctl start kiosk-so). Logs: journalctl -u kiosk-so"
