#!/bin/sh
# Install the Debian packages Kiosk Số needs (Python, Qt's system libraries, Xvfb for tests,
# speech-dispatcher + espeak-ng for read aloud: libspeechd2 is what Qt's speechd plugin links;
# LibreOffice Calc without a GUI, with which the tests open the Excel export as a ward officer would; cage and
# xwayland for the test that starts the systemd unit's own command; sox to measure recorded speech in tests;
# xdotool (real X taps) and x11-utils (xwininfo) for tests/test_real_display.py, which drives the real window;
# zbar-tools (zbarimg) and poppler-utils (pdftotext) let the tests read back the slip's QR codes and PDF;
# pulseaudio: the help chime's test plays into a PulseAudio server of its own with a null sink; systemd for
# systemd-analyze, with which the tests verify the units; git for the offline bundle, built from the committed tree).
# Fast when everything is there: one dpkg-query, nothing else.
set -eu

PACKAGES="python3 python3-venv python3-pip
libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
xvfb xauth xdotool x11-utils zbar-tools poppler-utils
speech-dispatcher speech-dispatcher-espeak-ng speech-dispatcher-audio-plugins espeak-ng libspeechd2 libpulse0
libreoffice-calc-nogui
libasound2 cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1 sox pulseaudio
systemd git"

missing=""
for package in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

echo "Kiosk Số needs these Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
    echo "Run this as root (or with sudo), then try again:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
