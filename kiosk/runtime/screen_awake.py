"""Keep the screen on while the kiosk runs, as far as the platform lets an application do that."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QObject, QProcess

from kiosk.text.strings import ui_text

XSET_ARGS = ["s", "off", "s", "noblank", "-dpms"]


def keep_screen_awake(platform: str, owner: QObject) -> list[str]:
    """Best effort; returns what was done, for the log.

    - Wayland under cage: nothing to do. cage has no idle timeout and nothing in the kiosk session blanks.
    - X11: `xset s off s noblank -dpms` when xset is installed (screen saver and DPMS off for this display).
    - Any desktop with a session bus: org.freedesktop.ScreenSaver.Inhibit, held while the kiosk's bus
      connection lives (released by the bus when the kiosk exits). Skipped quietly where nobody answers.
    """
    done: list[str] = []
    if platform == "xcb" and shutil.which("xset") and QProcess.startDetached("xset", XSET_ARGS)[0]:
        done.append("xset " + " ".join(XSET_ARGS))
    if platform in ("xcb", "wayland") and _inhibit_screensaver(owner):
        done.append("org.freedesktop.ScreenSaver.Inhibit")
    return done


def _inhibit_screensaver(owner: QObject) -> bool:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage  # only on a real display

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    service = "org.freedesktop.ScreenSaver"
    interface = QDBusInterface(service, "/org/freedesktop/ScreenSaver", service, bus, owner)
    if not interface.isValid():
        return False
    reply = interface.call("Inhibit", ui_text("app_name", "vi"), "A public kiosk is showing")
    return reply.type() == QDBusMessage.MessageType.ReplyMessage
