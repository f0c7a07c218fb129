"""systemd's watchdog: READY=1 once the first screen is up, then WATCHDOG=1 from a GUI-thread timer."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.system.systemd_notify import READY, STOPPING, WATCHDOG, notify, watchdog_interval_s

Send = Callable[[str], bool]


class Watchdog(QObject):
    """The pings come from the event loop itself, so a hung loop goes quiet and systemd restarts the kiosk."""

    def __init__(self, parent: QObject, env: Mapping[str, str] | None = None, send: Send | None = None) -> None:
        super().__init__(parent)
        self._send: Send = send or (lambda message: notify(message, env))
        self.interval_s = watchdog_interval_s(env)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.ping)
        if self.interval_s is not None:
            self.timer.setInterval(max(1, round(self.interval_s * 1000)))
        self.pings = 0

    def ready(self) -> None:
        """Called once the first screen is shown: systemd considers the unit started from here."""
        self._send(READY)
        if self.interval_s is not None:
            self.ping()
            self.timer.start()

    def ping(self) -> None:
        self.pings += 1
        self._send(WATCHDOG)

    def stopping(self) -> None:
        self.timer.stop()
        self._send(STOPPING)
