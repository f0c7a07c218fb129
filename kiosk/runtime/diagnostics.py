"""Developer diagnostics, off unless $KIOSK_DIAGNOSTICS_FILE names a file: what is on the glass, as JSON.

Tests that drive the real `main.py` with real X input (tests/test_real_display.py, bench/soak_real.py) need to
know where the buttons are without reaching into the process. With the variable set, the kiosk rewrites that
file (atomically) shortly after every screen change, tap and resize: the screen shown, the window's native id
and geometry, the screen's geometry, every bottom-bar slot and every tap target on screen, in global pixels.
Nothing a resident typed and no setting is written: only names of screens, ids of content and rectangles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.control.controller import KioskController
from kiosk.core.navigation import Screen
from kiosk.views.bottom_bar import BottomBar
from kiosk.views.home_view import CategoryTile
from kiosk.views.shell import KioskShell
from kiosk.views.tutorial_list_view import TutorialCard

ENV_VAR = "KIOSK_DIAGNOSTICS_FILE"
SETTLE_MS = 60  # after the last event: layouts and the window system have caught up
WATCHED_EVENTS = {QEvent.Type.MouseButtonRelease, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide}


def diagnostics_path(env: dict[str, str] | None = None) -> Path | None:
    """The file named by $KIOSK_DIAGNOSTICS_FILE; None (the default) keeps diagnostics off."""
    value = (os.environ if env is None else env).get(ENV_VAR, "")
    return Path(value) if value else None


def _rect(widget: QWidget) -> dict[str, int]:
    """The widget's rectangle in global (screen) pixels."""
    origin = widget.mapToGlobal(QPoint(0, 0))
    return {"x": origin.x(), "y": origin.y(), "w": widget.width(), "h": widget.height()}


def _plain(rect: QRect) -> dict[str, int]:
    return {"x": rect.x(), "y": rect.y(), "w": rect.width(), "h": rect.height()}


def bar_slots(bar: BottomBar) -> dict[QAbstractButton, str]:
    """Which slot each bar button sits in ("Nhỏ hơn" shares the text-size slot while reading aloud)."""
    return {button: slot for slot, buttons in bar.slot_buttons().items() for button in buttons}


class Diagnostics(QObject):
    """Writes `snapshot()` to the file a moment after anything that may have changed the screen."""

    def __init__(self, shell: KioskShell, controller: KioskController, path: Path) -> None:
        super().__init__(shell)
        self.shell, self.controller = shell, controller
        self.path = path
        self.seq = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.write)
        controller.screen_changed.connect(lambda _screen: self.timer.start())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.aboutToQuit.connect(lambda: app.removeEventFilter(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in WATCHED_EVENTS and (
            event.type() is QEvent.Type.MouseButtonRelease or watched is self._top()
        ):
            self.timer.start()
        return False

    def _top(self) -> QWidget:
        return self.shell

    def write(self) -> None:
        self.seq += 1
        data = self.snapshot()
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)

    def snapshot(self) -> dict[str, Any]:
        shell = self.shell
        visit = self.controller.visit
        session = visit.player
        screen = shell.screen()
        in_step = session is not None and visit.route.screen is Screen.PLAYER
        slots = bar_slots(shell.bar)
        overlays = [
            name
            for name, widget in (("help", shell.help_message), ("idle", shell.idle_warning), ("slip", shell.slip))
            if widget.isVisible()
        ]
        return {
            "seq": self.seq,
            "pid": os.getpid(),
            "screen": visit.route.screen.value,
            "step_kind": session.step.kind if in_step and session is not None else None,
            "step_index": session.state.index if in_step and session is not None else None,
            "step_phase": session.state.phase.value if in_step and session is not None else None,
            "tutorial": visit.route.tutorial_id,
            "language": visit.language,
            "text_size": visit.text_size,
            "overlay": overlays[0] if overlays else None,
            "platform": QApplication.platformName(),
            "window_id": int(shell.winId()),
            "window": _plain(shell.geometry()),
            "screen_geometry": _plain(screen.geometry()) if screen is not None else None,
            "bar": [self._bar_slot(button, slots) for button in shell.bar.buttons()],
            "targets": list(self._targets()),
        }

    def _bar_slot(self, button: QAbstractButton, slots: dict[QAbstractButton, str]) -> dict[str, Any]:
        """One bar button: its name, the slot it sits in (shared while reading aloud), its label and place."""
        name = getattr(button, "icon_name", "") or button.objectName()
        visible = button.isVisibleTo(self.shell) and self.shell.bar.isVisible()
        return {
            "name": name,
            "slot": slots.get(button, name),
            "text": button.text(),
            "visible": visible,
            "enabled": button.isEnabled(),
            **_rect(button),
        }

    def _targets(self) -> Iterator[dict[str, Any]]:
        """Everything a finger can tap on the current screen (bar excluded), with what it stands for."""
        shell = self.shell
        overlay = next((o for o in (shell.help_message, shell.idle_warning, shell.slip) if o.isVisible()), None)
        root = overlay if overlay is not None else shell.stack.currentWidget()
        if root is None or not root.isVisible():
            return
        for widget in root.findChildren(QWidget):
            if not widget.isVisible() or widget.width() <= 0:
                continue
            if isinstance(widget, CategoryTile):
                yield {"kind": "tile", "id": widget.category.id, **_rect(widget)}
            elif isinstance(widget, TutorialCard):
                yield {"kind": "tutorial", "id": widget.tutorial.id, **_rect(widget)}
            elif isinstance(widget, QAbstractButton):
                yield {"kind": "button", "id": self._button_id(widget), "text": widget.text(), **_rect(widget)}
        if overlay is None and root is shell.step and shell.step.phone.isVisible():
            yield from self._phone_elements()

    def _button_id(self, button: QAbstractButton) -> str:
        shell = self.shell
        if button in shell.step.answers:
            return f"answer-{shell.step.answers.index(button)}"
        for name in ("again", "next_lesson", "home"):
            if button is getattr(shell.completion, name, None):
                return name
        for name in ("previous_page", "next_page"):
            if button is getattr(shell.tutorial_list, name, None):
                return name
        if button is shell.help_message.button or button is shell.idle_warning.button:
            return "dismiss"
        for prefix, faces in (("face", shell.confidence.faces.faces), ("face-after", shell.completion.faces.faces)):
            if button in faces:
                return f"{prefix}-{faces.index(button) + 1}"
        if button is shell.confidence.skip:
            return "skip"
        return button.objectName() or type(button).__name__

    def _phone_elements(self) -> Iterator[dict[str, Any]]:
        phone = self.shell.step.phone
        session = self.controller.visit.player
        screen = session.screen if session is not None else None  # a Tự làm step: its current stage's screen
        if screen is None:
            return
        origin = phone.mapToGlobal(QPoint(0, 0))
        for element in screen.elements:
            try:
                rect = phone.element_rect(element.id)
            except KeyError:  # not laid out (the phone has no room): nothing there to tap
                continue
            yield {"kind": "phone", "id": element.id, **_plain(rect.translated(origin))}


def install_diagnostics(
    shell: KioskShell, controller: KioskController, env: dict[str, str] | None = None
) -> Diagnostics | None:
    """Diagnostics when $KIOSK_DIAGNOSTICS_FILE is set, else nothing at all (the default)."""
    path = diagnostics_path(env)
    return Diagnostics(shell, controller, path) if path is not None else None
