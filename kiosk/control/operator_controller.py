"""The way into and out of the operator area: hidden entry, PIN pad with lockout, and its own idle logout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QWidget

from kiosk.content.status import ContentStatus
from kiosk.control.controller import KioskController
from kiosk.core.idle import IdlePhase, IdleTracker
from kiosk.core.navigation import Screen
from kiosk.operator.entry import CornerTaps
from kiosk.operator.export import export_file_name, export_report, usb_folders
from kiosk.operator.health import Check
from kiosk.operator.pin import PinGuard, PinOutcome, verify_pin
from kiosk.system.clock import LocalCalendar, MonotonicClock
from kiosk.system.logs import logger
from kiosk.text.strings import ui_text
from kiosk.usage.report import VIETNAM_OFFSET, Report, local_days
from kiosk.usage.sheets import offset_text
from kiosk.views.pin_pad_view import PinPadView
from kiosk.views.shell import KioskShell

if TYPE_CHECKING:
    from kiosk.views.dashboard_view import DashboardView
    from kiosk.views.export_view import ExportView
    from kiosk.views.operator_view import OperatorView

OPERATOR_IDLE_S = 300  # an operator who walks away is logged out after five minutes


@dataclass
class OperatorServices:
    """What the operator area shows and does, supplied by the composition root."""

    operator_guard: PinGuard
    report_source: Callable[[dt.datetime, dt.datetime], Report]
    content_status: Callable[[], ContentStatus]
    checks: Callable[[], list[Check]]
    leave_kiosk: Callable[[], None]
    today: LocalCalendar
    volunteer_pin_hash: str | None = None
    kiosk_id: str = "kiosk"
    store_path: Path = Path("usage.sqlite3")
    export_folders: Callable[[], list[Path]] = usb_folders
    notices: list[str] = field(default_factory=list)
    fleet_lines: Callable[[], list[str]] = list
    retry_upload: Callable[[], None] | None = None
    rollback_content: Callable[[], None] | None = None
    tutorial_titles: dict[str, str] = field(default_factory=dict)
    utc_offset: dt.timedelta = VIETNAM_OFFSET  # the config's utc_offset_hours: days, hours and exports use it


def _local_period(report: Report) -> tuple[dt.date, dt.date]:
    """The local first and last day (both included) of a report's UTC [start, end), in the report's own zone."""
    assert report.start is not None and report.end is not None
    offset = report.utc_offset
    return (report.start + offset).date(), (report.end + offset).date() - dt.timedelta(days=1)


class OperatorController(QObject):
    """Owns the PIN pad and the operator view; the resident visit ends when an operator comes in."""

    entered = Signal()
    left = Signal()
    pin_refused = Signal(bool)  # a wrong operator PIN; True: the one that locked the pad (the usage log subscribes)

    def __init__(
        self,
        controller: KioskController,
        shell: KioskShell,
        services: OperatorServices,
        clock: MonotonicClock,
    ) -> None:
        super().__init__(controller)
        self.controller, self.shell, self.services = controller, shell, services
        self.pin_pad = PinPadView()
        shell.add_page(self.pin_pad)
        self.corner = CornerTaps(clock=clock)
        self._last_release = -1
        self.idle = IdleTracker(OPERATOR_IDLE_S, 0.001, clock)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.shortcut = QShortcut(QKeySequence("Ctrl+Alt+O"), shell)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.open_pin_pad)
        self.pin_pad.pin_entered.connect(self.try_pin)
        self.pin_pad.cancelled.connect(self.back_to_resident)
        self._inside: tuple[OperatorView, DashboardView, ExportView] | None = None

    def _build_inside(self) -> tuple[OperatorView, DashboardView, ExportView]:
        """Built at the first login, not at start-up: residents never pay for charts they never see."""
        if self._inside is None:
            from kiosk.views.dashboard_view import DashboardView  # QtCharts: only operators need it
            from kiosk.views.export_view import ExportView
            from kiosk.views.operator_view import OperatorView

            services = self.services
            dashboard = DashboardView(self.shell.theme, services.today, services.tutorial_titles)
            export = ExportView(services.export_folders)
            view = OperatorView(dashboard, export)
            self.shell.add_page(view)
            view.logout_requested.connect(self.logout)
            view.volunteer_requested.connect(self.start_volunteer)
            view.leave_kiosk_requested.connect(services.leave_kiosk)
            view.section_changed.connect(self._section_shown)
            dashboard.period_requested.connect(self.show_period)
            export.export_requested.connect(self.export_to)
            self._inside = (view, dashboard, export)
        return self._inside

    @property
    def view(self) -> OperatorView:
        return self._build_inside()[0]

    @property
    def dashboard(self) -> DashboardView:
        return self._build_inside()[1]

    @property
    def export(self) -> ExportView:
        return self._build_inside()[2]

    @property
    def active(self) -> bool:
        current = self.shell.current_page()
        return current is self.pin_pad or (self._inside is not None and current is self._inside[0])

    # --- entry -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Five releases in the top-left corner within 3 s open the PIN pad; taps still reach the screen."""
        release = isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonRelease
        if release and not self.active and isinstance(event, QMouseEvent) and event.timestamp() != self._last_release:
            self._last_release = event.timestamp()  # one tap is delivered to a widget and then its parents
            shell = self.shell
            if isinstance(watched, QWidget) and watched.window() is shell:
                self._corner_tap(QPointF(shell.mapFromGlobal(event.globalPosition())), shell.height())
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress) and self.active:
            self.idle.activity()
        return False

    def _corner_tap(self, point: QPointF, height: int) -> None:
        if not CornerTaps.in_corner(point.x(), point.y(), height):
            self.corner.miss()
        elif self.corner.tap():
            QTimer.singleShot(0, self.open_pin_pad)  # after the tap has finished reaching the screen

    def open_pin_pad(self) -> None:
        """The pad covers the resident's screen; Cancel or a volunteer PIN returns to it, untouched."""
        if self.active:
            return
        self.pin_pad.start(self.shell.theme, "vi")
        locked = self.services.operator_guard.seconds_locked()
        self.pin_pad.set_locked(bool(locked))
        if locked:
            self.pin_pad.show_message(ui_text("pin_locked", "vi", n=locked))
        self._show(self.pin_pad)

    def try_pin(self, pin: str) -> None:
        """One pad, two PINs: the volunteer's opens volunteer mode, the operator's the operator area.

        Wrong PINs count towards one shared lockout, so guessing either PIN is equally slow.
        """
        guard, volunteer_hash = self.services.operator_guard, self.services.volunteer_pin_hash
        if not guard.seconds_locked() and volunteer_hash and verify_pin(pin, volunteer_hash):
            self.start_volunteer()
            return
        result = guard.try_pin(pin)
        if result.outcome is PinOutcome.OK:
            self.controller.reset()  # the resident's visit ends when the operator area opens
            self.enter()
        elif result.outcome is PinOutcome.WRONG:
            self.pin_refused.emit(False)
            self.pin_pad.show_message(ui_text("pin_wrong", "vi", n=result.tries_left))
        elif result.outcome is PinOutcome.LOCKED:
            if result.locked_now:
                self.pin_refused.emit(True)
                logger().warning("Operator PIN pad locked for %d s after too many wrong PINs.", result.seconds_left)
            self.pin_pad.set_locked(True)
            self.pin_pad.show_message(ui_text("pin_locked", "vi", n=result.seconds_left))
        else:
            self.pin_pad.show_message(ui_text("pin_not_set", "vi"))

    # --- inside ------------------------------------------------------------------

    def enter(self) -> None:
        logger().info("Operator logged in.")
        self.view.apply_theme(self.shell.theme)
        self._show(self.view)
        self.view.show_section("dashboard")
        self.entered.emit()

    def _section_shown(self, section: str) -> None:
        if section == "dashboard" and self.dashboard.report is None:
            today = self.services.today()
            self.show_period(today, today)
        elif section == "export":
            self.export.refresh_folders()
            self.export.show_period(self._period_text())
        elif section == "content":
            self.view.show_content(self.services.content_status())
        elif section == "system":
            services = self.services
            self.view.show_system(services.checks(), [*services.notices, *services.fleet_lines()])
            self.view.show_fleet_actions(services.retry_upload, services.rollback_content)

    def show_period(self, first: dt.date, last: dt.date) -> None:
        start, end = local_days(first, last, self.services.utc_offset)
        self.dashboard.load(self.services.report_source, start, end)

    def _period_text(self) -> str:
        report = self.dashboard.report
        if report is None or report.start is None or report.end is None:
            return ui_text("export_pick_period", "vi")
        first, last = _local_period(report)
        zone = offset_text(report.utc_offset)
        return ui_text("export_period", "vi", first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}", zone=zone)

    def export_to(self, kind: str, folder: Path) -> None:
        report = self.dashboard.report
        if report is None or report.start is None or report.end is None:
            self.export.show_result(self._period_text())
            return
        first, last = _local_period(report)
        name = export_file_name(self.services.kiosk_id, first, last, kind)
        titles = self.services.tutorial_titles
        self.export.show_result(ui_text("export_busy", "vi"))
        self.dashboard.jobs.run(
            lambda: export_report(kind, report, self.services.store_path, folder, name, titles), self._exported
        )

    def _exported(self, result: object) -> None:
        if isinstance(result, Path):
            logger().info("Operator exported %s.", result.name)
            self.export.show_result(ui_text("export_saved", "vi", path=result))
        else:
            self.export.show_result(ui_text("export_failed", "vi", error=result))

    def back_to_resident(self) -> None:
        self.idle_timer.stop()
        self.controller.refresh()

    def start_volunteer(self) -> None:
        logger().info("Volunteer mode started.")
        self.idle_timer.stop()
        if self._inside is not None and self._inside[0].isVisible():
            self.logout()
        if self.controller.visit.route.screen is Screen.ATTRACT:
            self.controller.start_visit()
        self.controller.start_volunteer()

    def logout(self) -> None:
        if self._inside is not None and self._inside[0].isVisible():
            logger().info("Operator logged out.")
        self.idle_timer.stop()
        if self._inside is not None:
            self._inside[1].forget_report()
        self.controller.reset()
        self.left.emit()

    def check_idle(self) -> None:
        if self.idle.status().phase is not IdlePhase.ACTIVE:
            self.logout()

    def _show(self, page: QWidget) -> None:
        self.shell.show_page(page)
        self.idle.activity()
        self.idle_timer.start()
