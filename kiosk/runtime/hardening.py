"""What an unattended kiosk needs around its window (lock, log, crash guard, lockdown, watchdog), wired in one call."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QThread, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import KioskConfig
from kiosk.control.controller import KioskController
from kiosk.operator import health
from kiosk.runtime.crash_guard import CrashGuard
from kiosk.runtime.lockdown import Lockdown
from kiosk.runtime.screen_awake import keep_screen_awake
from kiosk.runtime.watchdog import Watchdog
from kiosk.system import logs
from kiosk.system.clock import MonotonicClock
from kiosk.system.crash_policy import CrashBudget
from kiosk.system.logs import describe_exception, logger
from kiosk.system.single_instance import AlreadyRunningError, InstanceLock, acquire_instance_lock
from kiosk.system.systemd_notify import maintenance_marker
from kiosk.views.fonts import FONT_FAMILY

EXIT_ALREADY_RUNNING = 3
EXIT_OPERATOR = 0
STARTUP_CHECKS_DELAY_MS = 1000  # after the first screen, so the checks' fsync never counts against start-up
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Hardening(QObject):
    """The lead's handle on it all: `allow_exit`, `request_exit`, `add_shutdown_callback`, `run_checks`."""

    def __init__(
        self,
        app: QApplication,
        shell: QWidget,
        controller: KioskController,
        config: KioskConfig,
        kiosk_mode: bool,
        lock: InstanceLock | None = None,
        env: Mapping[str, str] | None = None,
        clock: MonotonicClock = time.monotonic,
        exit_app: Callable[[int], None] | None = None,
        store_check: health.Probe | None = None,
        speech_check: health.Probe | None = None,
    ) -> None:
        super().__init__(shell)
        self.app, self.shell, self.controller, self.config = app, shell, controller, config
        self.kiosk_mode = kiosk_mode
        self.lock = lock
        self.env = env
        self.store_check = store_check  # from whoever owns the usage store
        self.speech_check = speech_check  # from whoever owns read aloud
        self.audio_devices: Path | None = health.AUDIO_DEVICES if kiosk_mode else None  # a windowed kiosk is a PC
        self.startup_checks: list[health.Check] = []
        self.stopped = False
        self._exit_app = exit_app or app.exit
        self._shutdown_callbacks: list[Callable[[], object]] = []
        self._signals: tuple[socket.socket, socket.socket, QSocketNotifier] | None = None
        self.lockdown = Lockdown(shell, locked=kiosk_mode)
        self.watchdog = Watchdog(self, env)
        budget = CrashBudget(config.crash_limit_per_minute, clock=clock)
        self.crash_guard = CrashGuard(self, controller.reset, budget, self.shutdown)

    # --- wiring ----------------------------------------------------------------

    def install(self, stop_signals: bool = True) -> None:
        self.app.installEventFilter(self.lockdown)
        self.crash_guard.install()
        if stop_signals:
            self._install_stop_signals()
        self.app.aboutToQuit.connect(self._loop_ended)
        QTimer.singleShot(0, self, self._ready)  # runs once exec() has started, with the window shown

    def _loop_ended(self) -> None:
        """exec() is returning, so nothing is left to guard; the filters go now, while Python still runs.

        Left installed, Qt calls the lockdown filter for the closing windows during interpreter teardown, after
        their Python wrappers are gone: a segfault (exit status 139) on every clean stop in kiosk mode.
        """
        self.app.removeEventFilter(self.lockdown)
        self.crash_guard.uninstall()

    def uninstall(self) -> None:
        """Undo `install` (tests; a process that exits needs none of it)."""
        self.crash_guard.uninstall()
        self.app.removeEventFilter(self.lockdown)
        if self._signals is not None:
            signal.set_wakeup_fd(-1)
            for number in STOP_SIGNALS:
                signal.signal(number, signal.SIG_DFL)
            self._signals[2].setEnabled(False)
            self._signals[0].close()
            self._signals[1].close()
            self._signals = None
        if self.lock is not None:
            self.lock.release()

    def _install_stop_signals(self) -> None:
        """SIGTERM (systemctl stop), SIGINT (Ctrl+C) and SIGHUP end the kiosk cleanly, callbacks and all.

        Python handles signals only when Python code runs; the wake-up socket makes Qt's loop notice at once.
        """
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for number in STOP_SIGNALS:
            signal.signal(number, _ignore_in_python)
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._on_signal)
        self._signals = (reader, writer, notifier)

    def _on_signal(self) -> None:
        assert self._signals is not None
        try:
            received = self._signals[0].recv(64)
        except BlockingIOError:
            return
        for number in received:
            if number in STOP_SIGNALS:
                logger().info("Stopping on %s.", signal.Signals(number).name)
                self.shutdown(0)

    def _ready(self) -> None:
        self.crash_guard.budget.mark_started()
        self.watchdog.ready()
        mode = "kiosk" if self.kiosk_mode else "windowed"
        logger().info("Kiosk ready in %s mode (pid %d).", mode, os.getpid())
        QTimer.singleShot(STARTUP_CHECKS_DELAY_MS, self, self._after_start)

    def _after_start(self) -> None:
        self.startup_checks = self.run_checks()
        for check in health.failures(self.startup_checks):
            logger().warning("Health check '%s' failed: %s", check.name, check.detail)
        if self.kiosk_mode and self.config.keep_screen_on:
            done = keep_screen_awake(QApplication.platformName(), self)
            logger().info("Screen blanking: %s.", ", ".join(done) or "nothing to do on this platform")

    # --- the API for the operator area -----------------------------------------

    def add_shutdown_callback(self, callback: Callable[[], object]) -> None:
        """Run on every way out (operator, SIGTERM, fatal error), in order; e.g. the usage writer's `close`."""
        self._shutdown_callbacks.append(callback)

    def allow_exit(self) -> None:
        """Let the window close and the exit keys work (the operator area asked to leave kiosk mode)."""
        self.lockdown.allow_exit()

    def request_exit(self, code: int = EXIT_OPERATOR) -> None:
        """Leave kiosk mode for good: under systemd a marker keeps the unit from restarting it until reboot."""
        self.allow_exit()
        marker = maintenance_marker(self.env)
        if marker is not None:
            try:
                marker.write_text(f"left kiosk mode at {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n", encoding="utf-8")
            except OSError as error:
                logger().warning("Cannot write %s (%s): systemd will restart the kiosk.", marker, error.strerror)
        logger().info("The operator left kiosk mode.")
        self.shutdown(code)

    def run_checks(self) -> list[health.Check]:
        return health.run_checks(
            fonts_loaded=QFontDatabase.families(),
            fonts_required=[FONT_FAMILY],
            content_problems=self.controller.visit.catalog.problems,
            data_dir=self.config.data_dir,
            min_free_mb=self.config.min_free_disk_mb,
            store=self.store_check,
            speech=self.speech_check,
            audio_devices=self.audio_devices,
            platform=QApplication.platformName(),
        )

    def shutdown(self, code: int) -> None:
        """Flush what must be flushed, tell systemd, and leave the event loop with `code`."""
        if not self.stopped:
            self.stopped = True
            for callback in self._shutdown_callbacks:
                try:
                    callback()
                except Exception:
                    logger().error("A shutdown callback failed: %s", describe_exception(*sys.exc_info()))
            self.watchdog.stopping()
            logs.flush()
        if QThread.currentThread().loopLevel() > 0:
            self._exit_app(code)
        else:  # start-up, before exec(): leave as soon as the loop starts
            QTimer.singleShot(0, self, lambda: self._exit_app(code))


def _ignore_in_python(number: int, frame: FrameType | None) -> None:
    """The wake-up socket already carries the signal to Qt's loop."""


@dataclass(frozen=True)
class InstanceClaim:
    """The one-kiosk lock (None when no file could hold it) and the log file (None when it cannot be written)."""

    lock: InstanceLock | None
    log_file: Path | None


def claim_single_instance(config: KioskConfig) -> InstanceClaim:
    """Open the log and take the one-kiosk lock; a second kiosk on the same data folder exits 3 here.

    `install_hardening` calls it when not given a claim; call it yourself to refuse a second start before
    anything else (the usage store) is opened.
    """
    log_file = logs.setup_logging(config.data_dir)
    try:
        lock = acquire_instance_lock(config.data_dir)
    except AlreadyRunningError as error:
        print(f"kiosk: {error} This start exits.", file=sys.stderr)
        logger().info("Second start refused: %s", error)
        raise SystemExit(EXIT_ALREADY_RUNNING) from None
    if lock is None:
        logger().warning("No lock file could be created: a second kiosk would not be stopped.")
    logger().info("Kiosk starting (pid %d), log file %s.", os.getpid(), log_file)
    return InstanceClaim(lock, log_file)


def install_hardening(
    app: QApplication,
    shell: QWidget,
    controller: KioskController,
    config: KioskConfig,
    windowed: bool,
    claim: InstanceClaim | None = None,
    probes: tuple[health.Probe | None, health.Probe | None] = (None, None),
) -> Hardening:
    """Called once from `run()` before the window is shown; `probes` checks the usage store and speech."""
    claim = claim or claim_single_instance(config)
    store_check, speech_check = probes
    hardening = Hardening(
        app, shell, controller, config, not windowed, claim.lock, store_check=store_check, speech_check=speech_check
    )
    hardening.install()
    return hardening
