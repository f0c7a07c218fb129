#!/bin/sh
# Install or upgrade Kiosk Số on a Debian 12/13 kiosk PC: packages, the "kiosk" user, a release in
# /opt/kiosk-so/releases/<version> with its own venv, an atomic switch of /opt/kiosk-so/current, the sound path
# (PipeWire and speech-dispatcher as user services of the kiosk user) and the systemd unit (cage on tty1).
# From a git checkout it installs the committed tree (git archive HEAD); from an offline bundle (make bundle) it
# installs the bundle's tree and wheels with pip --no-index. --dry-run prints every command and changes nothing.
# See "Deploy on a kiosk PC" in README.md.
set -eu

usage() {
    cat <<USAGE
Usage: sh config/deploy/install.sh [--dry-run] [--user NAME] [--prefix DIR] [--root DIR] [--no-packages] [--no-venv]
       sh config/deploy/install.sh --rollback [--dry-run] [--prefix DIR] [--root DIR]
  --dry-run      print every command, change nothing (no root needed)
  --user NAME    the user the kiosk runs as (default: kiosk)
  --prefix DIR   where releases are installed (default: /opt/kiosk-so)
  --root DIR     install the files under DIR and leave the running system alone: no packages, no user, no
                 systemctl (tests, or preparing a disk image)
  --no-packages  skip apt-get (a kiosk PC without internet whose packages are already installed)
  --no-venv      files only: the release gets no Python environment (tests)
  --rollback     switch back to the previous release and restart the kiosk
USAGE
}

DRY_RUN=0
ROLLBACK=0
PACKAGES=1
VENV=1
KIOSK_USER=kiosk
PREFIX=/opt/kiosk-so
ROOT=""
SOURCE=$(cd "$(dirname "$0")/../.." && pwd)

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --rollback) ROLLBACK=1 ;;
        --no-packages) PACKAGES=0 ;;
        --no-venv) VENV=0 ;;
        --user) KIOSK_USER=${2:?--user needs a name}; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift ;;
        --root) ROOT=$(cd "${2:?--root needs a folder}" && pwd); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

. "$(dirname "$0")/plan.sh"

# The whole system is touched only without --root; with it, every path below lives under $ROOT.
SYSTEM=1
[ -n "$ROOT" ] && SYSTEM=0 && PACKAGES=0
APP="$ROOT$PREFIX"
RELEASES="$APP/releases"
UNIT="$ROOT/etc/systemd/system/kiosk-so.service"
SPEECH_UNIT="$ROOT/etc/systemd/user/kiosk-so-speech.service"
SPEECH_CONF="$ROOT/etc/kiosk-so/speech-dispatcher"

if [ "$DRY_RUN" -eq 0 ] && [ "$SYSTEM" -eq 1 ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo sh config/deploy/install.sh), or with --dry-run to see the plan." >&2
    exit 1
fi

restart_if_running() {
    [ "$SYSTEM" -eq 1 ] && run systemctl try-restart kiosk-so.service
    return 0
}

if [ "$ROLLBACK" -eq 1 ]; then
    previous=$(readlink "$APP/previous" 2>/dev/null || true)
    current=$(readlink "$APP/current" 2>/dev/null || true)
    if [ -z "$previous" ] || [ ! -d "$APP/$previous" ]; then
        echo "install.sh: no previous release to roll back to in $APP" >&2
        exit 1
    fi
    echo "# Roll back: $APP/current -> $previous (was ${current:-nothing}); the rolled-back release is kept as previous"
    run ln -sfn "$previous" "$APP/.current.new"
    run mv -T "$APP/.current.new" "$APP/current"
    if [ -n "$current" ]; then
        run ln -sfn "$current" "$APP/.previous.new"
        run mv -T "$APP/.previous.new" "$APP/previous"
    fi
    restart_if_running
    echo "# Done."
    exit 0
fi

# The release: the version in pyproject.toml and the commit, from git or from the bundle's VERSION file.
if [ -f "$SOURCE/VERSION" ] && [ ! -e "$SOURCE/.git" ]; then
    BUNDLE=1
    VERSION=$(cat "$SOURCE/VERSION")
else
    BUNDLE=0
    base=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$SOURCE/pyproject.toml")
    VERSION="$base-$(git -C "$SOURCE" rev-parse --short=10 HEAD)"
    if [ -n "$(git -C "$SOURCE" status --porcelain --untracked-files=no)" ]; then
        echo "# Note: $SOURCE has uncommitted changes; only the commit $VERSION is installed."
    fi
fi
case "$VERSION" in
    ""|*/*|.*) echo "install.sh: bad version '$VERSION'" >&2; exit 1 ;;
esac
RELEASE="$RELEASES/$VERSION"

[ "$DRY_RUN" -eq 1 ] && echo "# Dry run: nothing is changed. Installing release $VERSION from $SOURCE as user $KIOSK_USER into $APP."

if [ "$PACKAGES" -eq 1 ]; then
    echo "# 1. Debian packages (the same names on Debian 12 and 13): cage and Xwayland (cage exits without it),"
    echo "#    Qt's Wayland plugin's libraries and Mesa, PipeWire for sound, then Python, Qt and speech (setup-system.sh)"
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1 libwayland-server0 libxkbcommon0 \
        libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri \
        pipewire pipewire-pulse pipewire-alsa wireplumber alsa-utils ca-certificates
    run sh "$SOURCE/scripts/setup-system.sh"
fi

if [ "$SYSTEM" -eq 1 ]; then
    echo "# 2. The user the kiosk runs as: no password, no login shell; audio for its sound"
    if ! id "$KIOSK_USER" >/dev/null 2>&1; then
        run useradd --create-home --user-group --shell /usr/sbin/nologin --comment "Kiosk So" "$KIOSK_USER"
    fi
    groups=""
    for group in video render input audio; do
        getent group "$group" >/dev/null 2>&1 && groups="${groups:+$groups,}$group"
    done
    [ -n "$groups" ] && run usermod --append --groups "$groups" "$KIOSK_USER"
fi

echo "# 3. The release $RELEASE: only tracked files, unpacked beside it and renamed into place"
run mkdir -p "$RELEASES" "$APP/config"
if [ -d "$RELEASE" ]; then
    echo "# $VERSION is already installed: kept as it is"
else
    staging="$RELEASES/.new-$VERSION"
    run rm -rf "$staging"
    run mkdir -p "$staging"
    if [ "$BUNDLE" -eq 1 ]; then
        run_sh "tar -C '$SOURCE' --exclude=./wheels -cf - . | tar -C '$staging' --no-same-owner --no-same-permissions -xf -"
    else
        run_sh "git -C '$SOURCE' archive --format=tar HEAD | tar -C '$staging' --no-same-owner --no-same-permissions -xf -"
    fi
    # The operator's settings live outside the releases, so an upgrade or a rollback keeps them.
    if [ ! -e "$APP/config/kiosk.toml" ]; then
        run cp "$staging/config/kiosk.toml" "$APP/config/kiosk.toml"
    fi
    run ln -sfn "$PREFIX/config/kiosk.toml" "$staging/config/kiosk.toml"
    if [ "$VENV" -eq 1 ]; then
        run python3 -m venv "$staging/.venv"
        wheels="$SOURCE/wheels"
        if [ "$BUNDLE" -eq 0 ]; then
            # Online: fetch and build every wheel first (from a copy: a build leaves build/ and *.egg-info behind),
            # then install exactly as from a bundle.
            wheels="$RELEASES/.wheels-$VERSION"
            run rm -rf "$wheels" "$RELEASES/.build-$VERSION"
            run cp -a "$staging" "$RELEASES/.build-$VERSION"
            run "$staging/.venv/bin/python" -m pip wheel -q --wheel-dir "$wheels" "$RELEASES/.build-$VERSION"
            run rm -rf "$RELEASES/.build-$VERSION"
        fi
        run "$staging/.venv/bin/python" -m pip install -q --no-index --find-links "$wheels" kiosk-so
        if [ "$BUNDLE" -eq 0 ]; then run rm -rf "$wheels"; fi
    fi
    run mv -T "$staging" "$RELEASE"
fi
if [ "$VENV" -eq 1 ]; then
    run "$RELEASE/.venv/bin/python" "$RELEASE/main.py" --check-config --config "$APP/config/kiosk.toml"
fi

echo "# 4. Switch: $APP/current -> releases/$VERSION (a new link renamed over the old one: never half switched);"
echo "#    the release it replaces stays as $APP/previous for --rollback, older ones are deleted"
current=$(readlink "$APP/current" 2>/dev/null || true)
run ln -sfn "releases/$VERSION" "$APP/.current.new"
run mv -T "$APP/.current.new" "$APP/current"
if [ -n "$current" ] && [ "$current" != "releases/$VERSION" ]; then
    run ln -sfn "$current" "$APP/.previous.new"
    run mv -T "$APP/.previous.new" "$APP/previous"
fi
previous=$(readlink "$APP/previous" 2>/dev/null || true)
[ "$DRY_RUN" -eq 1 ] && [ -n "$current" ] && [ "$current" != "releases/$VERSION" ] && previous=$current
if [ -d "$RELEASES" ]; then
    for old in "$RELEASES"/*; do
        [ -d "$old" ] || continue
        name="releases/$(basename "$old")"
        [ "$name" = "releases/$VERSION" ] || [ "$name" = "$previous" ] || run rm -rf "$old"
    done
fi

echo "# 5. Sound with no desktop session: PipeWire and speech-dispatcher as user services of $KIOSK_USER, started"
echo "#    by the kiosk's logind session; speech-dispatcher logs to the journal (bounded), never autospawned"
run mkdir -p "$(dirname "$SPEECH_CONF")" "$(dirname "$SPEECH_UNIT")"
run rm -rf "$SPEECH_CONF.new"
run cp -r /etc/speech-dispatcher "$SPEECH_CONF.new"
run_sh "cat '$RELEASE/config/deploy/speechd-kiosk.conf' >> '$SPEECH_CONF.new/speechd.conf'"
run rm -rf "$SPEECH_CONF"
run mv -T "$SPEECH_CONF.new" "$SPEECH_CONF"
run_sh "sed -e 's|^ConditionUser=kiosk\$|ConditionUser=$KIOSK_USER|' \
'$RELEASE/config/deploy/kiosk-so-speech.service' > '$SPEECH_UNIT'"
run chmod 0644 "$SPEECH_UNIT"
if [ "$SYSTEM" -eq 1 ]; then
    home=$(getent passwd "$KIOSK_USER" | cut -d: -f6)
    home=${home:-/home/$KIOSK_USER}
    # A libspeechd that cannot reach the service would start a stray daemon with its own log: the user's
    # speech-dispatcher config (ours, which says DisableAutoSpawn) forbids it.
    run install -d -o "$KIOSK_USER" -g "$KIOSK_USER" "$home/.config"
    run ln -sfn /etc/kiosk-so/speech-dispatcher "$home/.config/speech-dispatcher"
    run systemctl --global enable pipewire.socket pipewire-pulse.socket wireplumber.service kiosk-so-speech.service
fi

echo "# 6. The systemd unit: cage on tty1, restarted always, watchdog 30 s; tty1's getty makes way"
run mkdir -p "$(dirname "$UNIT")"
run_sh "sed -e 's|/opt/kiosk-so|$PREFIX|g' -e 's|^User=kiosk\$|User=$KIOSK_USER|' \
'$RELEASE/config/deploy/kiosk-so.service' > '$UNIT'"
run chmod 0644 "$UNIT"
if [ "$SYSTEM" -eq 1 ]; then
    # uninstall.sh puts back the boot target found here the first time (a desktop PC may have had another).
    if [ ! -e "$APP/default-target.before" ]; then
        run_sh "systemctl get-default > '$APP/default-target.before'"
    fi
    run systemctl daemon-reload
    run systemctl disable getty@tty1.service
    run systemctl set-default graphical.target
    run systemctl enable kiosk-so.service
    restart_if_running
fi

echo "# Done: release $VERSION. Reboot to start the kiosk (or: systemctl start kiosk-so). Logs: journalctl -u kiosk-so"
