"""The composition root: builds the services and the window and wires them, in one place."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import KioskConfig
from kiosk.content.loader import Catalog
from kiosk.idle import Clock, IdleTracker
from kiosk.navigation import Visit
from kiosk.theme import Theme
from kiosk.views.controller import KioskController
from kiosk.views.fonts import load_bundled_fonts
from kiosk.views.shell import KioskShell


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    load_bundled_fonts()
    return app


def build_kiosk(
    config: KioskConfig, catalog: Catalog, size: QSize, clock: Clock = time.monotonic
) -> tuple[KioskShell, KioskController]:
    visit = Visit(catalog, config.default_language, config.text_size_default)
    theme = Theme(size.height(), config.text_size_default, config.high_contrast)
    shell = KioskShell(catalog, visit.categories_with_tutorials(), config.ward_name, theme)
    shell.resize(size)
    shell.setMinimumSize(0, 0)
    idle = IdleTracker(config.idle_timeout_s, config.idle_countdown_s, clock)
    controller = KioskController(visit, shell, idle, config.high_contrast)
    controller.refresh()
    return shell, controller


def run(config: KioskConfig, catalog: Catalog, windowed: bool, exit_when_ready: bool = False) -> int:
    app = application()
    screen = app.primaryScreen()
    fullscreen = config.fullscreen and not windowed
    size = screen.size() if fullscreen and screen is not None else QSize(1280, 800)
    shell, controller = build_kiosk(config, catalog, size)
    app.installEventFilter(controller)
    if config.hide_cursor and fullscreen:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    if fullscreen:
        shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        shell.showFullScreen()
    else:
        shell.show()
    if exit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready(app, controller))
    return app.exec()


def _report_ready(app: QApplication, controller: KioskController) -> None:
    """For bench/startup.py: open the home screen, paint it, say READY, quit."""
    controller.start_visit()
    controller.shell.repaint()
    print("READY", flush=True)
    app.quit()
