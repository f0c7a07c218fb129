"""Unhandled errors: log them (code only), return the resident to the attract screen, give up when they keep coming."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.system.crash_policy import CrashBudget
from kiosk.system.logs import describe_exception, logger

EXIT_FATAL = 70  # EX_SOFTWARE: systemd's Restart=always brings the kiosk back

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard(QObject):
    """Installed as `sys.excepthook` and `threading.excepthook`; PySide6 reports errors in slots through the former."""

    recover_requested = Signal()
    fatal_requested = Signal(int)

    def __init__(
        self, parent: QObject, reset: Callable[[], None], budget: CrashBudget, on_fatal: Callable[[int], None]
    ) -> None:
        super().__init__(parent)
        self.reset = reset
        self.budget = budget
        self.on_fatal = on_fatal
        self.crashes = 0
        self.fatal = False
        self._previous: tuple[ExceptHook, Callable[[threading.ExceptHookArgs], object]] | None = None
        # Queued: recovery runs on the GUI thread after the failing slot has unwound, whichever thread failed.
        self.recover_requested.connect(self._recover, Qt.ConnectionType.QueuedConnection)
        self.fatal_requested.connect(self.on_fatal, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            self._handle(exc_type, exc, tb)
        except Exception:  # the guard must never raise from inside an excepthook; fall back to the default one
            sys.__excepthook__(exc_type, exc or exc_type(), tb)

    def _handle(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        self.crashes += 1
        fatal = self.budget.record()
        log = logger()
        phase = "recovering" if not fatal else "during start-up" if not self.budget.started else "too many in a minute"
        log.error("Unhandled error %d (%s): %s", self.crashes, phase, describe_exception(exc_type, exc, tb))
        if not fatal:
            self.recover_requested.emit()
        elif not self.fatal:
            self.fatal = True
            log.critical("Giving up: exiting with status %d so systemd restarts the kiosk.", EXIT_FATAL)
            if threading.current_thread() is threading.main_thread():
                self.on_fatal(EXIT_FATAL)  # now: at interpreter exit a queued call would never run
            else:
                self.fatal_requested.emit(EXIT_FATAL)

    def _recover(self) -> None:
        logger().info("Back to the attract screen after an error.")
        self.reset()
