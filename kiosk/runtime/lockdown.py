"""Kiosk mode: exit keys, window closing, context menus and drops do nothing until the operator lets the kiosk go."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

Mod = Qt.KeyboardModifier
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
# Residents never need these; in kiosk mode nothing may open, move or paste into the window either.
SWALLOWED_EVENTS = {QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop}
# Keys that leave, close or switch away, whatever modifiers come with them.
ALWAYS_EXIT_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu}
# (key, modifier that makes it an exit key): Alt+F4, Ctrl+Q, Ctrl+W, Alt+Tab, Alt+Shift+Tab, Alt+Space, Ctrl+Esc …
COMBO_EXIT_KEYS = {
    (Qt.Key.Key_F4, Mod.AltModifier),
    (Qt.Key.Key_F4, Mod.ControlModifier),
    (Qt.Key.Key_Q, Mod.ControlModifier),
    (Qt.Key.Key_W, Mod.ControlModifier),
    (Qt.Key.Key_Tab, Mod.AltModifier),
    (Qt.Key.Key_Backtab, Mod.AltModifier),
    (Qt.Key.Key_Tab, Mod.MetaModifier),
    (Qt.Key.Key_Space, Mod.AltModifier),
}
# What closes the window in windowed development mode (the desktop handles Alt+F4 itself; offscreen, we do).
WINDOWED_CLOSE_KEYS = {
    (Qt.Key.Key_Q, Mod.ControlModifier),
    (Qt.Key.Key_W, Mod.ControlModifier),
    (Qt.Key.Key_F4, Mod.AltModifier),
}


def _matches(event: QKeyEvent, combos: set[tuple[Qt.Key, Qt.KeyboardModifier]]) -> bool:
    key, modifiers = event.key(), event.modifiers()
    return any(key == combo_key and bool(modifiers & modifier) for combo_key, modifier in combos)


def is_exit_key(event: QKeyEvent) -> bool:
    return event.key() in ALWAYS_EXIT_KEYS or _matches(event, COMBO_EXIT_KEYS)


class Lockdown(QObject):
    """An application-wide event filter; `locked=False` is windowed development mode, where exit keys work."""

    def __init__(self, window: QWidget, locked: bool) -> None:
        super().__init__(window)
        self.window = window
        self.locked = locked
        self._exit_allowed = False
        if locked:
            window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            window.setAcceptDrops(False)

    @property
    def exit_allowed(self) -> bool:
        return self._exit_allowed or not self.locked

    def allow_exit(self) -> None:
        """The operator chose to leave: from now on the window closes and exit keys work."""
        self._exit_allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if self.exit_allowed:
            return self._windowed(kind, event)
        if kind in KEY_EVENTS and isinstance(event, QKeyEvent):
            return is_exit_key(event)
        if kind == QEvent.Type.Close and watched in (self.window, self.window.windowHandle()):
            event.ignore()
            return True
        return kind in SWALLOWED_EVENTS

    def _windowed(self, kind: QEvent.Type, event: QEvent) -> bool:
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _matches(event, WINDOWED_CLOSE_KEYS):
            self.window.close()
            return True
        return False
