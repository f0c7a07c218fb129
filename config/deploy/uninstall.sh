#!/bin/sh
# Remove the Kiosk Số service and everything install.sh changed on the system: tty1's login prompt and the boot
# target as they were, the speech service and its config. The releases, the data (the usage store) and the user
# stay unless --purge is given. --dry-run prints every command it would run and changes nothing.
set -eu

usage() {
    cat <<USAGE
Usage: sh config/deploy/uninstall.sh [--dry-run] [--purge] [--user NAME] [--prefix DIR]
  --dry-run     print every command, change nothing (no root needed)
  --purge       also delete the releases and settings, the data in /var/lib/kiosk-so and the user
  --user NAME   the user the kiosk ran as (default: kiosk)
  --prefix DIR  where the releases were installed (default: /opt/kiosk-so)
USAGE
}

DRY_RUN=0
PURGE=0
KIOSK_USER=kiosk
PREFIX=/opt/kiosk-so
UNIT=/etc/systemd/system/kiosk-so.service

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --purge) PURGE=1 ;;
        --user) KIOSK_USER=${2:?--user needs a name}; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

. "$(dirname "$0")/plan.sh"

if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "uninstall.sh: run as root (sudo sh config/deploy/uninstall.sh), or with --dry-run to see the plan." >&2
    exit 1
fi
[ "$DRY_RUN" -eq 1 ] && echo "# Dry run: nothing is changed."

echo "# 1. Stop and remove the service (a missing one is fine)"
run_sh "systemctl disable --now kiosk-so.service || true"
run rm -f "$UNIT"
run rm -rf /run/kiosk-so
run systemctl daemon-reload

echo "# 2. The speech service and its settings (PipeWire stays: it is Debian's default for every user)"
run systemctl --global disable kiosk-so-speech.service
run rm -f /etc/systemd/user/kiosk-so-speech.service
run rm -rf /etc/kiosk-so
home=$(getent passwd "$KIOSK_USER" 2>/dev/null | cut -d: -f6 || true)
run rm -f "${home:-/home/$KIOSK_USER}/.config/speech-dispatcher"

echo "# 3. A login prompt on tty1 again, and the boot target from before the install"
run systemctl enable getty@tty1.service
run systemctl start getty@tty1.service
before=$(cat "$PREFIX/default-target.before" 2>/dev/null || true)
case "$before" in
    *.target) run systemctl set-default "$before" ;;
    *) echo "# No boot target recorded in $PREFIX/default-target.before: left as it is ($(systemctl get-default 2>/dev/null || echo unknown))." ;;
esac

if [ "$PURGE" -eq 1 ]; then
    echo "# 4. Purge: the releases, the settings, the data and the user"
    run rm -rf "$PREFIX"
    run rm -rf /var/lib/kiosk-so
    if id "$KIOSK_USER" >/dev/null 2>&1 || [ "$DRY_RUN" -eq 1 ]; then
        run userdel --remove "$KIOSK_USER"
    fi
else
    echo "# Kept: $PREFIX, the data in /var/lib/kiosk-so and the user $KIOSK_USER (--purge removes them)."
fi
echo "# Done."
